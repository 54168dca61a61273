package io.github.alationgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.CountingAlation;
import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.github.alationgateway.support.WebhookReceiver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database goes away under a running gateway and comes back: the API answers 503 with Retry-After meanwhile,
 * readiness is DOWN and liveness UP, and afterwards the same process polls again and every job ends, from the
 * outcomes computed during the outage or from new polls, well before any lease would have run out; the webhook
 * sender lives through it too and delivers every end. Each database
 * subclass says how its database goes away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class DatabaseOutageContract {

    static final int JOBS = 100;
    /** Longer than the test's patience after the outage: a job that had to wait for its lease fails the test. */
    static final Duration LEASE = Duration.ofSeconds(90);

    /** Each job answers 'running' until the test finishes them all; one per test class. */
    static CountingAlation alation;
    /** Told of every job's end: its deliveries are rows too, and must survive the outage like the jobs. */
    static WebhookReceiver receiver;

    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    GatewayApi api;

    static void gateway(DynamicPropertyRegistry registry) {
        alation = CountingAlation.start(0, -1, 16);
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.poll.interval", () -> "500ms");
        registry.add("gateway.poll.max-interval", () -> "1s");
        registry.add("gateway.poll.idle-wait", () -> "50ms");
        registry.add("gateway.poll.lease", () -> LEASE.toSeconds() + "s");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        String secret = WebhookReceiver.newSecret();
        receiver = WebhookReceiver.start(secret);
        registry.add("gateway.webhooks.endpoints.ops.url", () -> receiver.url("/ops"));
        registry.add("gateway.webhooks.endpoints.ops.secret", () -> secret);
        registry.add("gateway.webhooks.idle-wait", () -> "50ms");
    }

    @AfterAll
    static void stopAlation() {
        if (alation != null) alation.close();
        if (receiver != null) receiver.close();
    }

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    abstract void databaseGoesAway();

    abstract void databaseComesBack();

    @Test
    void theGatewayPollsThroughADatabaseOutageAndLosesNothing() {
        // GIVEN running jobs, each polled at least once
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) jobs.add(register().path("id").asString());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from jobs where poll_count >= 1") == JOBS);

        // WHEN the database goes away under the running gateway, and Alation finishes every job meanwhile
        databaseGoesAway();
        alation.finishAll();
        double pollerErrorsBefore = pollerErrors();
        double senderErrorsBefore = errors("webhook-claims");

        // THEN the API answers 503 with Retry-After, readiness is DOWN and liveness UP
        GatewayApi.Answer registration = api.post("/api/v1/jobs", handle(ids.incrementAndGet()));
        assertThat(registration.status()).isEqualTo(503);
        assertThat(registration.header("Retry-After")).isEqualTo("5");
        assertThat(registration.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/jobs/" + jobs.get(0)).status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        // and the poller keeps trying (each failure counted), for a few rounds of its backoff: the writer with the
        // outcomes of the polls under way when the database left, the claim loop once slots are free
        await().atMost(Duration.ofSeconds(60)).until(() -> pollerErrors() >= pollerErrorsBefore + 4);
        // and so does the webhook sender, whose claims fail too
        await().atMost(Duration.ofSeconds(60)).until(() -> errors("webhook-claims") >= senderErrorsBefore + 2);

        // WHEN the database comes back
        databaseComesBack();
        long back = System.nanoTime();

        // THEN the same process polls again and every job ends, long before a lease could have run out
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> count("select count(*) from jobs where status = 'SUCCESSFUL'") == JOBS);
        Duration toEnd = Duration.ofNanos(System.nanoTime() - back);
        assertThat(toEnd).isLessThan(LEASE.dividedBy(2));
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/jobs", handle(ids.incrementAndGet())).status())
                .isEqualTo(201);
        // AND the sender, still alive, tells the receiver of every job's end
        await().atMost(Duration.ofSeconds(45))
                .until(() -> receiver.received().stream()
                        .filter(r -> r.validSignature() && r.type().equals("job.ended"))
                        .map(WebhookReceiver.Received::jobId)
                        .collect(java.util.stream.Collectors.toSet())
                        .containsAll(jobs));
    }

    private String handle(long id) {
        return "{\"response\": {\"job_id\": " + id + "}}";
    }

    private tools.jackson.databind.JsonNode register() {
        return api.register(handle(ids.incrementAndGet()));
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private double pollerErrors() {
        return errors("poll-claims") + errors("poll-outcomes");
    }

    private double errors(String loop) {
        Counter counter =
                meters.find("gateway.background.errors").tag("loop", loop).counter();
        return counter == null ? 0 : counter.count();
    }
}
