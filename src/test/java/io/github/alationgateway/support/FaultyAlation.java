package io.github.alationgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Alation job-status API on a bad day: a share of calls answers 503, 429 with {@code Retry-After: 1}, or a
 * proxy's HTML page, and for a while ({@link #goDown}) every call answers 503. Each job runs for a time of its own,
 * counted from its first poll, then answers 'successful'. Remembers when each job first answered a status after the
 * outage, so that a test can measure how soon the gateway noticed the instance was back.
 */
public final class FaultyAlation implements AutoCloseable {

    /** Shares of calls, cumulative: 12 % 503, then 5 % 429, then 5 % HTML. */
    private static final double UNAVAILABLE = 0.12;

    private static final double THROTTLED = 0.17;
    private static final double HTML = 0.22;

    private final HttpServer server;
    private final ExecutorService threads;
    private volatile long startedAt = System.nanoTime();
    private volatile long minRunNanos;
    private volatile long maxRunNanos;
    /** Where in [min, max] each job's run ends, drawn once; the end itself follows the latest {@link #jobsEndIn}. */
    private final Map<Long, Double> endShares = new ConcurrentHashMap<>();

    private final Map<Long, Long> firstStatusAfterOutage = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong callsWhileDown = new AtomicLong();
    private volatile long downFrom = Long.MAX_VALUE;
    private volatile long downUntil = Long.MIN_VALUE;

    private FaultyAlation() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        this.threads = Executors.newFixedThreadPool(16);
        server.setExecutor(threads);
        server.createContext(FakeAlation.JOB_PATH, this::answer);
        server.start();
    }

    public static FaultyAlation start() {
        try {
            return new FaultyAlation();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Every job ends a random time between {@code minRun} and {@code maxRun} from now, also a job asked about
     * before: a test re-anchors the runs once its jobs are registered, however long a loaded machine took.
     */
    public void jobsEndIn(Duration minRun, Duration maxRun) {
        minRunNanos = minRun.toNanos();
        maxRunNanos = maxRun.toNanos();
        startedAt = System.nanoTime();
    }

    /** From now on, for {@code outage}, every call answers 503. Returns the end, in {@link System#nanoTime()}. */
    public long goDown(Duration outage) {
        long now = System.nanoTime();
        downUntil = now + outage.toNanos();
        downFrom = now;
        return downUntil;
    }

    /** How long after the outage the job first got a status answer; null if it never did. */
    public Duration toFirstStatusAfterOutage(long id) {
        Long at = firstStatusAfterOutage.get(id);
        return at == null ? null : Duration.ofNanos(at - downUntil);
    }

    /** How long after the outage any job first got a status answer: when the gateway noticed the return. */
    public Duration toFirstStatusAfterOutage() {
        return firstStatusAfterOutage.values().stream()
                .min(Long::compare)
                .map(at -> Duration.ofNanos(at - downUntil))
                .orElse(null);
    }

    public long callsWhileDown() {
        return callsWhileDown.get();
    }

    public long calls() {
        return calls.get();
    }

    public long faults() {
        return faults.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            long now = System.nanoTime();
            long id = id(exchange.getRequestURI().getRawQuery());
            if (now >= downFrom && now < downUntil) {
                faults.incrementAndGet();
                callsWhileDown.incrementAndGet();
                send(exchange, 503, "text/plain", "down for maintenance");
                return;
            }
            double dice = ThreadLocalRandom.current().nextDouble();
            if (dice < HTML) {
                faults.incrementAndGet();
                if (dice < UNAVAILABLE) {
                    send(exchange, 503, "text/plain", "unavailable");
                } else if (dice < THROTTLED) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 429, "text/plain", "too many requests");
                } else {
                    send(exchange, 200, "text/html", "<html><body>Gateway error</body></html>");
                }
                return;
            }
            double share = endShares.computeIfAbsent(
                    id, k -> ThreadLocalRandom.current().nextDouble());
            long end = startedAt + minRunNanos + (long) (share * (maxRunNanos - minRunNanos));
            if (downFrom != Long.MAX_VALUE && now >= downUntil) firstStatusAfterOutage.putIfAbsent(id, now);
            String status = now >= end ? "successful" : "running";
            send(
                    exchange,
                    200,
                    "application/json",
                    "{\"status\": \"" + status + "\", \"msg\": null, \"result\": null}");
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static long id(String query) {
        if (query == null) return -1;
        for (String part : query.split("&")) {
            if (part.startsWith("id=")) return Long.parseLong(part.substring(3));
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
