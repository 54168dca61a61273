package io.github.alationgateway.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream client that does not read until told: a small receive buffer on a plain socket, so that the server's
 * writes back up after a few megabytes rather than after what the kernel would grow a buffer to. Once {@link
 * #readToEnd()} it reads the chunked answer to its end and keeps the ids and comments it carried.
 */
final class UnreadStream implements AutoCloseable {

    private final Socket socket;
    private final List<Long> ids = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();

    List<Long> ids() {
        return ids;
    }

    List<String> comments() {
        return comments;
    }

    UnreadStream(int port, String path, String key) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(8 * 1024);
        socket.connect(new java.net.InetSocketAddress("localhost", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                        + "Authorization: Bearer " + key + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads headers and chunks until the server ends the answer; answers the status code. */
    int readToEnd() throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        String status = line(in);
        while (!line(in).isEmpty()) {
            // headers
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) break;
            int length = Integer.parseInt(size.strip(), 16);
            if (length == 0) break;
            body.write(in.readNBytes(length));
            line(in);
        }
        for (String text : body.toString(StandardCharsets.UTF_8).split("\n")) {
            if (text.startsWith("id: ")) ids.add(Long.parseLong(text.substring(4)));
            if (text.startsWith(": ")) comments.add(text.substring(2));
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') line.write(b);
        }
        if (b == -1 && line.size() == 0) return null;
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
