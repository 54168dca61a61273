package io.github.alationgateway.bench.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link StubAlation} started in a JVM of its own, so that a benchmark's CPU figures count the client or the
 * gateway and not the server answering it.
 */
public final class StubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient counter = HttpClient.newHttpClient();

    private StubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the stub on a free port with this JVM's java and class path, and waits until it listens. */
    public static StubProcess start(long latencyMillis, int threads) throws IOException {
        int port = freePort();
        Process process = java(
                ProcessHandle.current().info().command().orElse("java"),
                StubAlation.class,
                String.valueOf(port),
                String.valueOf(latencyMillis),
                String.valueOf(threads));
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (!"ready".equals(line)) {
            process.destroy();
            throw new IllegalStateException("the stub did not start: " + line);
        }
        return new StubProcess(process, port);
    }

    /** A JVM running {@code main} with this JVM's class path and a small fixed heap. */
    static Process java(String java, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xms256m",
                "-Xmx256m",
                // The JDK server writes headers and body apart; with Nagle on, each answer waits for a delayed ACK.
                "-Dsun.net.httpserver.nodelay=true",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Where an Alation client points: the stub answers the job API's status below it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The status URL itself, for wrk and for the client runs. */
    public String statusUrl() {
        return baseUrl() + StubAlation.PATH;
    }

    /** Statuses answered so far. */
    public long answered() {
        try {
            return Long.parseLong(counter.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/count")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } catch (IOException e) {
            throw new IllegalStateException("the stub does not answer its count", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * wrk against the stub with {@code connections} connections for {@code seconds}: what the stub and this machine
     * allow at all, with the client costing least. A line for the benchmark's report.
     */
    public String rawLimit(int connections, int seconds) throws InterruptedException {
        Process wrk;
        try {
            wrk = new ProcessBuilder(
                            "wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-H", "TOKEN: bench",
                            statusUrl() + "?id=1")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return "Raw limit: wrk is not installed (apt-get install wrk); not measured";
        }
        String output;
        try {
            output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Raw limit: wrk failed: " + e.getMessage();
        }
        wrk.waitFor();
        Matcher m = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(output);
        return m.find()
                ? String.format(
                        Locale.ROOT,
                        "Raw limit: wrk, %d connections: %,.0f requests/s",
                        connections,
                        Double.parseDouble(m.group(1)))
                : "Raw limit: wrk failed: " + output.strip();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
