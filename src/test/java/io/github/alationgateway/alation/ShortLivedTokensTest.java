package io.github.alationgateway.alation;

import static io.github.alationgateway.alation.Instances.NAME;
import static io.github.alationgateway.alation.Instances.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens that live 4 s, for real: an Alation whose token endpoints mint them and whose job API refuses a token
 * past its life, polled by 16 threads at once for 12 s. It used to cost 132 rejected calls in 80 s: a lifetime
 * under 5 minutes was taken for clock skew and the token used until a 401.
 */
class ShortLivedTokensTest {

    private static final Logger log = LoggerFactory.getLogger(ShortLivedTokensTest.class);

    private static final Duration LIFETIME = Duration.ofSeconds(4);
    private static final Duration RUN = Duration.ofSeconds(12);
    private static final int THREADS = 16;

    private HttpServer server;
    private ExecutorService serverThreads;
    /** Token to its end, in nanoTime: the fake's own notion of expiry, exact. */
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();

    private final AtomicInteger mints = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    /** Alation's clock, which may be far from ours: its token times are written by it. */
    private volatile Duration alationClockOffset = Duration.ZERO;

    @BeforeEach
    void startAlation() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        serverThreads = Executors.newFixedThreadPool(THREADS + 4);
        server.setExecutor(serverThreads);
        server.createContext("/integration/v1/createAPIAccessToken/", exchange -> {
            Instant created = Instant.now().plus(alationClockOffset);
            String token = mint();
            send(
                    exchange,
                    200,
                    "{\"api_access_token\": \"" + token + "\", \"user_id\": 7, \"created_at\": \"" + created
                            + "\", \"token_expires_at\": \"" + created.plus(LIFETIME)
                            + "\", \"token_status\": \"ACTIVE\"}");
        });
        server.createContext(
                "/oauth/v2/token/",
                exchange -> send(
                        exchange,
                        200,
                        "{\"access_token\": \"" + mint() + "\", \"expires_in\": " + LIFETIME.toSeconds()
                                + ", \"token_type\": \"Bearer\"}"));
        server.createContext("/api/v1/bulk_metadata/job/", exchange -> {
            Long end = tokens.get(exchange.getRequestHeaders().getFirst("TOKEN"));
            if (end == null || System.nanoTime() >= end) {
                rejected.incrementAndGet();
                send(exchange, 401, "{\"detail\": \"token expired\"}");
            } else {
                answered.incrementAndGet();
                send(exchange, 200, "{\"status\": \"running\", \"msg\": null, \"result\": null}");
            }
        });
        server.start();
    }

    @AfterEach
    void stopAlation() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @ParameterizedTest(name = "{0}, Alation''s clock {1} s off")
    @CsvSource({"refresh-token, 0", "refresh-token, -3600", "client-credentials, 0"})
    void fourSecondTokensAreRenewedAheadAndCostAtMostOneRejectedCallEach(String kind, long offsetSeconds)
            throws Exception {
        // GIVEN tokens that live 4 s, Alation's clock perhaps an hour behind ours
        alationClockOffset = Duration.ofSeconds(offsetSeconds);
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        Instances instance = anInstance(baseUrl);
        instance = "refresh-token".equals(kind)
                ? instance.refreshToken("refresh-s3cret", 7)
                : instance.clientCredentials("gateway", "client-s3cret");
        RestAlationClient client = instance.maxConcurrent(THREADS).client(Clock.systemUTC());

        // WHEN 16 threads poll as fast as they can for three lifetimes
        ExecutorService pollers = Executors.newFixedThreadPool(THREADS);
        long until = System.nanoTime() + RUN.toNanos();
        List<Future<Integer>> failures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                failures.add(pollers.submit(() -> {
                    int notStatus = 0;
                    while (System.nanoTime() < until) {
                        JobStatusAnswer answer = client.fetchStatus(NAME, AlationJobRef.ofId(1));
                        if (!(answer instanceof JobStatusAnswer.Status)) notStatus++;
                    }
                    return notStatus;
                }));
            }
            int notAnswered = 0;
            for (Future<Integer> failure : failures) notAnswered += failure.get();

            log.info(
                    "{} tokens of {} s, Alation's clock {} s off: {} calls answered, {} rejected, {} renewals",
                    kind,
                    LIFETIME.toSeconds(),
                    offsetSeconds,
                    answered.get(),
                    rejected.get(),
                    mints.get() - 1);
            // THEN the token was renewed every half-life or so, and at most one call per renewal was rejected
            int renewals = mints.get() - 1;
            assertThat(renewals)
                    .isBetween(
                            (int) (RUN.toSeconds() / LIFETIME.toSeconds()),
                            3 * (int) (RUN.toSeconds() / (LIFETIME.toSeconds() / 2)));
            assertThat(rejected.get())
                    .as("calls rejected with 401, of %s answered, with %s renewals", answered.get(), renewals)
                    .isLessThanOrEqualTo(renewals + 1);
            assertThat(notAnswered).isZero();
            assertThat(answered.get()).isGreaterThan(100);
        } finally {
            pollers.shutdownNow();
        }
    }

    private String mint() {
        mints.incrementAndGet();
        String token = UUID.randomUUID().toString();
        tokens.put(token, System.nanoTime() + LIFETIME.toNanos());
        return token;
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
