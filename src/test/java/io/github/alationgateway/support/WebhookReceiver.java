package io.github.alationgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver for tests. It checks every request's signature the way the Standard Webhooks specification
 * writes it, independently of the gateway's code: the secret is {@code whsec_} + base64 key; the signed content
 * is {@code id.timestamp.body}; the header holds space-separated {@code v1,<base64 HMAC-SHA256>} signatures, any
 * of which may match, compared in constant time. It records what arrived, and answers as the test tells it. It
 * also notices two requests with the same webhook-id at once.
 */
public final class WebhookReceiver implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived. */
    public record Received(
            String webhookId,
            long timestamp,
            boolean validSignature,
            String userAgent,
            String contentType,
            String path,
            JsonNode event,
            Instant arrivedAt,
            int answeredWith) {

        public String type() {
            return event.path("type").asString();
        }

        public String jobId() {
            return event.path("data").path("id").asString();
        }
    }

    /** What to answer: a status, headers, and how long to take. */
    public record Answer(int status, Map<String, String> headers, long delayMillis) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), 0);
        }
    }

    private final byte[] key;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private volatile Function<Received, Answer> answers = r -> Answer.of(200);
    private volatile HttpServer server;
    private final int port;

    private WebhookReceiver(String secret) throws IOException {
        if (!secret.startsWith("whsec_")) throw new IllegalArgumentException("not a Standard Webhooks secret");
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    public static WebhookReceiver start(String secret) {
        try {
            return new WebhookReceiver(secret);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh secret of 32 random bytes, as an operator would make one. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public int overlaps() {
        return overlaps.get();
    }

    /** Stops listening: connections are refused until {@link #resume()}. */
    public synchronized void refuse() {
        server.stop(0);
    }

    public synchronized void resume() {
        try {
            server = bind(port);
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on " + port + " again", e);
        }
    }

    private HttpServer bind(int at) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", at), 1024);
        s.setExecutor(threads);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            AtomicInteger concurrent = inFlight.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger());
            if (concurrent.incrementAndGet() > 1) overlaps.incrementAndGet();
            try {
                JsonNode event;
                try {
                    event = JSON.readTree(body);
                } catch (RuntimeException e) {
                    event = JSON.createObjectNode();
                }
                Received probe = new Received(
                        id,
                        parse(timestamp),
                        valid(id, timestamp, body, signatures),
                        exchange.getRequestHeaders().getFirst("User-Agent"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestURI().getPath(),
                        event,
                        Instant.now(),
                        0);
                Answer answer = answers.apply(probe);
                if (answer.delayMillis() > 0) TimeUnit.MILLISECONDS.sleep(answer.delayMillis());
                received.add(new Received(
                        probe.webhookId(),
                        probe.timestamp(),
                        probe.validSignature(),
                        probe.userAgent(),
                        probe.contentType(),
                        probe.path(),
                        probe.event(),
                        probe.arrivedAt(),
                        answer.status()));
                answer.headers()
                        .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(answer.status(), -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
            }
        }
    }

    /** The Standard Webhooks check, written from the specification. */
    private boolean valid(String id, String timestamp, String body, String header) {
        if (id == null || timestamp == null || header == null) return false;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                String[] parts = signature.split(",", 2);
                if (parts.length != 2 || !parts[0].equals("v1")) continue;
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(parts[1]);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) return true;
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parse(String timestamp) {
        try {
            return Long.parseLong(timestamp);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
