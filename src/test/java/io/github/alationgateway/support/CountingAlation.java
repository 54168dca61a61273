package io.github.alationgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast Alation job-status API on the JDK's HTTP server, for load: each job answers 'running' for its first
 * {@code runningPolls} polls and 'successful' after (never, when negative), after {@code latency}. It counts
 * the polls of each job and how many of them overlapped: two replicas polling one job at once.
 */
public final class CountingAlation implements AutoCloseable {

    private static final byte[] RUNNING =
            "{\"status\": \"running\", \"msg\": \"Job is running\", \"result\": null}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUCCESSFUL =
            "{\"status\": \"successful\", \"msg\": \"Job finished\", \"result\": [\"done\"]}"
                    .getBytes(StandardCharsets.UTF_8);

    static {
        // Without it the JDK server writes headers and body as two packets and Nagle holds the second back until
        // the client's delayed ACK: 40 ms per answer. Read once, when the server classes first load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final long latencyMicros;
    private final int runningPolls;
    private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> startedAt = new ConcurrentHashMap<>();
    private volatile long clientTimeoutNanos = Long.MAX_VALUE;
    private final AtomicInteger abandonedOverlaps = new AtomicInteger();
    private final Map<Long, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean allFinished;

    private CountingAlation(long latencyMicros, int runningPolls, int threads) throws IOException {
        this.latencyMicros = latencyMicros;
        this.runningPolls = runningPolls;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        this.threads = Executors.newFixedThreadPool(threads);
        server.setExecutor(this.threads);
        server.createContext(FakeAlation.JOB_PATH, this::answer);
        server.start();
    }

    /** Threads: answers are slept, so as many as requests in flight at once, or they queue. */
    public static CountingAlation start(long latencyMicros, int runningPolls, int threads) {
        try {
            return new CountingAlation(latencyMicros, runningPolls, threads);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        long id = id(exchange.getRequestURI().getRawQuery());
        AtomicInteger current = inFlight.computeIfAbsent(id, k -> new AtomicInteger());
        AtomicLong started = startedAt.computeIfAbsent(id, k -> new AtomicLong());
        long now = System.nanoTime();
        if (current.incrementAndGet() > 1) {
            // A call older than the client's timeout has been given up by its client: a hung call, not a poll.
            if (now - started.get() < clientTimeoutNanos) overlaps.incrementAndGet();
            else abandonedOverlaps.incrementAndGet();
        }
        started.set(now);
        int n;
        try {
            if (latencyMicros > 0) TimeUnit.MICROSECONDS.sleep(latencyMicros);
            n = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            n = 0;
        } finally {
            // Before the answer leaves: once the client has it, another replica may rightly poll the job.
            current.decrementAndGet();
        }
        byte[] body = allFinished || (runningPolls >= 0 && n > runningPolls) ? SUCCESSFUL : RUNNING;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static long id(String query) {
        if (query == null) return -1;
        for (String part : query.split("&")) {
            if (part.startsWith("id=")) return Long.parseLong(part.substring(3));
        }
        return -1;
    }

    /** From now on every job answers 'successful', whatever its script. */
    public void finishAll() {
        allFinished = true;
    }

    /** Calls older than this were given up by their client; a poll alongside one is not an overlap. */
    public CountingAlation clientTimeout(java.time.Duration timeout) {
        this.clientTimeoutNanos = timeout.toNanos();
        return this;
    }

    /** Polls that arrived alongside a call given up by its client (a timeout), which Alation still works on. */
    public int abandonedOverlaps() {
        return abandonedOverlaps.get();
    }

    /** Polls that arrived while another poll of the same job was being answered and awaited. */
    public int overlaps() {
        return overlaps.get();
    }

    public long totalPolls() {
        return total.get();
    }

    public int pollsOf(long id) {
        AtomicInteger n = polls.get(id);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
