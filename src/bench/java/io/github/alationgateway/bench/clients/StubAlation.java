package io.github.alationgateway.bench.clients;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stub every client is measured against, in a process of its own so that its CPU is not counted as the
 * client's: Alation's job API answering the three-field status of a running job at once (or after
 * {@code latencyMillis}). The JDK's own server, so that the benchmark needs nothing installed.
 *
 * <p>Arguments: port, latency in milliseconds, worker threads. Prints {@code ready} once it listens. {@code GET
 * /count} answers how many statuses it has answered, for a benchmark that counts polls where they land.
 */
public final class StubAlation {

    static final String PATH = "/api/v1/bulk_metadata/job/";

    private StubAlation() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long latencyMillis = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        var delays = Executors.newSingleThreadScheduledExecutor();
        server.setExecutor(Executors.newFixedThreadPool(threads));
        AtomicLong answered = new AtomicLong();
        server.createContext("/count", exchange -> {
            try (exchange) {
                byte[] count = Long.toString(answered.get()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, count.length);
                exchange.getResponseBody().write(count);
            }
        });
        server.createContext(PATH, exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String id = query == null ? "0" : query.substring(query.indexOf('=') + 1);
            byte[] body = ("{\"id\":" + id + ",\"status\":\"running\",\"msg\":null,\"result\":null}")
                    .getBytes(StandardCharsets.UTF_8);
            Runnable answer = () -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    answered.incrementAndGet();
                } catch (IOException e) {
                    // The client went away; nothing to answer.
                }
            };
            if (latencyMillis > 0) delays.schedule(answer, latencyMillis, TimeUnit.MILLISECONDS);
            else answer.run();
        });
        server.start();
        System.out.println("ready");
        System.out.flush();
    }
}
