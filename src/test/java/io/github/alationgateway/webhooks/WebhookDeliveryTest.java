package io.github.alationgateway.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.github.alationgateway.support.WebhookReceiver;
import io.github.alationgateway.support.WebhookReceiver.Answer;
import io.github.alationgateway.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks through the running gateway, on H2, against receivers that check every signature the Standard
 * Webhooks way (written independently in {@link WebhookReceiver}). Each scenario has an endpoint of its own,
 * chosen by a label filter, so that the scenarios do not see each other's deliveries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryTest {

    static final FakeAlation alation = FakeAlation.start();
    static final String SECRET = WebhookReceiver.newSecret();
    static final String CALLBACK_SECRET = WebhookReceiver.newSecret();
    static final WebhookReceiver ops = WebhookReceiver.start(SECRET);
    static final WebhookReceiver flaky = WebhookReceiver.start(SECRET);
    static final WebhookReceiver gone = WebhookReceiver.start(SECRET);
    static final WebhookReceiver busy = WebhookReceiver.start(SECRET);
    static final WebhookReceiver callbacks = WebhookReceiver.start(CALLBACK_SECRET);
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.instances.default.max-requests-per-second", () -> "0");
        registry.add("gateway.instances.default.max-concurrent-requests", () -> "32");
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
        registry.add("gateway.security.rate-limit.requests-per-second", () -> "0");
        registry.add("management.endpoints.web.exposure.include", () -> "health,env,configprops");
        registry.add("gateway.webhooks.idle-wait", () -> "50ms");
        registry.add("gateway.webhooks.timeout", () -> "2s");
        // Short steps, many of them: a receiver down for seconds is still within the schedule. The default
        // schedule itself is tested with a clock in RetryScheduleTest, not by waiting hours.
        registry.add("gateway.webhooks.retry-schedule", () -> "0s,200ms,300ms,500ms" + ",1s".repeat(30));
        endpoint(registry, "ops", ops, "job.ended,job.chain_ended", "bulk");
        endpoint(registry, "flaky", flaky, "job.ended", "flaky");
        endpoint(registry, "gone", gone, "job.ended", "gone");
        endpoint(registry, "busy", busy, "job.ended", "busy");
        registry.add("gateway.webhooks.callback-url-prefixes", () -> callbacks.url("/hooks"));
        registry.add("gateway.webhooks.callback-secret", () -> CALLBACK_SECRET);
    }

    private static void endpoint(
            DynamicPropertyRegistry registry, String name, WebhookReceiver receiver, String events, String scenario) {
        String prefix = "gateway.webhooks.endpoints." + name + ".";
        registry.add(prefix + "url", () -> receiver.url("/" + name));
        registry.add(prefix + "secret", () -> SECRET);
        registry.add(prefix + "events", () -> events);
        registry.add(prefix + "labels.scenario", () -> scenario);
    }

    @AfterAll
    static void stop() {
        for (var receiver : List.of(ops, flaky, gone, busy, callbacks)) receiver.close();
        alation.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    GatewayApi api;

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
        // Any job not scripted otherwise succeeds at its first poll.
        alation.wireMock()
                .stubFor(get(urlPathEqualTo(FakeAlation.JOB_PATH))
                        .atPriority(10)
                        .willReturn(status("successful", "Job finished", "[\"done\"]")));
    }

    private List<String> register(int count, String scenario) {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(api.register("{\"response\": {\"job_id\": " + ids.incrementAndGet() + "}, \"labels\":"
                            + " {\"scenario\": \"" + scenario + "\"}}")
                    .path("id")
                    .asString());
        }
        return jobs;
    }

    /** The distinct (type, job) pairs that arrived validly signed and were answered 2xx. */
    private static Set<String> delivered(WebhookReceiver receiver) {
        return receiver.received().stream()
                .filter(r -> r.validSignature() && r.answeredWith() / 100 == 2)
                .map(r -> r.type() + " " + r.jobId())
                .collect(Collectors.toSet());
    }

    private static Set<String> expected(List<String> jobs, String... types) {
        Set<String> expected = new java.util.HashSet<>();
        for (String job : jobs) for (String type : types) expected.add(type + " " + job);
        return expected;
    }

    /**
     * Jobs written straight to the tables, as registered ones are (registering a thousand through the API is slow
     * on a busy machine, and registration is not what this test is about).
     */
    private List<String> insertJobs(int count, String scenario) {
        List<Object[]> jobs = new ArrayList<>();
        List<Object[]> labels = new ArrayList<>();
        List<String> created = new ArrayList<>();
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        for (int i = 0; i < count; i++) {
            String id = java.util.UUID.randomUUID().toString();
            long alationId = ids.incrementAndGet();
            created.add(id);
            jobs.add(new Object[] {id, "id:" + alationId, alationId, now, now});
            labels.add(new Object[] {id, scenario, now});
        }
        // One transaction, as a registration is: a job polled to its end before its label is written would end
        // without the label, and its events would match no endpoint (this test once waited 4 minutes for that).
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate(
                    "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at,"
                            + " next_poll_at, version) values (?, 'default', ?, ?, 'GENERIC', 'PENDING', ?, ?, 0)",
                    jobs);
            jdbc.batchUpdate(
                    "insert into job_labels (job_id, label_key, label_value, registered_at) values (?, 'scenario', ?, ?)",
                    labels);
        });
        return created;
    }

    @Test
    void everyEndOfAThousandJobsArrivesValidlySignedWithTheEventAsItsBody() {
        List<String> jobs = insertJobs(1_000, "bulk");

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<Received> arrived = ops.received();
                    Set<String> missing = expected(jobs, "job.ended", "job.chain_ended");
                    missing.removeAll(delivered(ops));
                    assertThat(missing)
                            .as(
                                    "%d arrived, %d with a bad signature, %d answered other than 2xx; missing, e.g. %s",
                                    arrived.size(),
                                    arrived.stream()
                                            .filter(r -> !r.validSignature())
                                            .count(),
                                    arrived.stream()
                                            .filter(r -> r.answeredWith() / 100 != 2)
                                            .count(),
                                    missing.stream().limit(3).toList())
                            .isEmpty();
                });

        List<Received> all = ops.received();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.validSignature()).as("signature of %s", r.webhookId()).isTrue();
            assertThat(r.webhookId()).isEqualTo(r.event().path("id").asString());
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.userAgent()).startsWith("alation-job-gateway/");
            assertThat(Math.abs(r.timestamp() - r.arrivedAt().getEpochSecond())).isLessThanOrEqualTo(60);
            assertThat(r.type()).isIn("job.ended", "job.chain_ended");
            assertThat(r.event().path("seq").asLong()).isPositive();
            assertThat(r.event().path("data").path("status").asString()).isEqualTo("successful");
        });
        // One event per (type, job): a webhook-id is never reused for another event.
        Map<String, Set<String>> idsByEvent = all.stream()
                .collect(Collectors.groupingBy(
                        r -> r.type() + " " + r.jobId(), Collectors.mapping(Received::webhookId, Collectors.toSet())));
        assertThat(idsByEvent.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        // The ended event shows the job exactly as the API does now that it has ended.
        String one = jobs.get(0);
        JsonNode ended = all.stream()
                .filter(r -> r.jobId().equals(one) && r.type().equals("job.ended"))
                .findFirst()
                .orElseThrow()
                .event();
        assertThat(ended.path("data")).isEqualTo(api.job(one));
    }

    @Test
    void aReceiverDownForAWhileGetsEverythingOnceItIsBack() {
        AtomicBoolean failing = new AtomicBoolean(true);
        flaky.answer(r -> Answer.of(failing.get() ? 500 : 200));
        List<String> jobs = register(20, "flaky");
        // 500s first ...
        await().atMost(Duration.ofMinutes(1)).until(() -> flaky.received().size() >= 20);
        // ... then no answer at all: refused connections
        flaky.refuse();
        await().atMost(Duration.ofMinutes(1))
                .until(() -> deliveries("flaky", "pending")
                        .valueStream()
                        .anyMatch(d -> d.path("last_error").asString().contains("refused")));
        assertThat(delivered(flaky)).isEmpty();

        failing.set(false);
        flaky.resume();

        await().atMost(Duration.ofMinutes(2)).until(() -> delivered(flaky).containsAll(expected(jobs, "job.ended")));
        assertThat(flaky.received())
                .allSatisfy(r -> assertThat(r.validSignature()).isTrue());
        // Every retry of an event carried its first webhook-id.
        assertThat(flaky.received().stream()
                        .collect(Collectors.groupingBy(
                                Received::jobId, Collectors.mapping(Received::webhookId, Collectors.toSet())))
                        .values())
                .allSatisfy(set -> assertThat(set).hasSize(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveries("flaky", "pending").isEmpty());
    }

    @Test
    void a410DisablesTheEndpointUntilAnAdminEnablesItAndNothingIsLost() {
        AtomicBoolean gonePhase = new AtomicBoolean(true);
        gone.answer(r -> Answer.of(gonePhase.get() ? 410 : 204));
        List<String> jobs = register(3, "gone");

        await().atMost(Duration.ofMinutes(1))
                .until(() -> "disabled".equals(endpoint("gone").path("state").asString()));
        JsonNode health = api.get("/actuator/health/webhooks").body();
        assertThat(health.path("details").path("gone").path("state").asString()).isEqualTo("disabled");
        assertThat(health.path("details").path("ops").path("state").asString()).isEqualTo("active");
        gonePhase.set(false);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> endpoint("gone").path("pending").asLong() == 3);
        int seen = gone.received().size();

        // Disabled: nothing is sent, however long it waits (a few idle rounds here).
        await().pollDelay(Duration.ofMillis(600)).until(() -> true);
        assertThat(gone.received()).hasSize(seen);

        assertThat(api.post("/api/v1/webhooks/gone/enable", "").status()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> delivered(gone).containsAll(expected(jobs, "job.ended")));
        assertThat(endpoint("gone").path("state").asString()).isEqualTo("active");
    }

    @Test
    void aRetryAfterPausesTheEndpointAsLongAsItAsks() {
        AtomicBoolean first = new AtomicBoolean(true);
        busy.answer(r -> first.getAndSet(false) ? new Answer(503, Map.of("Retry-After", "2"), 0) : Answer.of(200));
        List<String> jobs = register(1, "busy");

        await().atMost(Duration.ofMinutes(1)).until(() -> delivered(busy).containsAll(expected(jobs, "job.ended")));
        List<Received> all = busy.received();
        assertThat(all.get(0).answeredWith()).isEqualTo(503);
        assertThat(all.get(1).webhookId()).isEqualTo(all.get(0).webhookId());
        assertThat(Duration.between(all.get(0).arrivedAt(), all.get(1).arrivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        JsonNode delivery = deliveries("busy", "delivered").path(0);
        assertThat(delivery.path("attempts").asInt())
                .as("a pause asked for is not a failed attempt")
                .isEqualTo(1);
    }

    @Test
    void aJobsOwnCallbackIsSignedWithTheCallbackSecretAndShownOnTheJob() {
        long alationId = ids.incrementAndGet();
        JsonNode job = api.register("{\"response\": {\"job_id\": " + alationId + "}, \"notify\": {\"url\": \""
                + callbacks.url("/hooks/job-a?x=1") + "\", \"events\": [\"job.registered\", \"job.chain_ended\"]}}");
        String id = job.path("id").asString();

        assertThat(job.path("notify").path("url").asString()).isEqualTo(callbacks.url("/hooks/job-a?x=1"));
        assertThat(job.path("notify").path("events").toString()).isEqualTo("[\"job.registered\",\"job.chain_ended\"]");
        await().atMost(Duration.ofMinutes(1))
                .until(() -> delivered(callbacks).containsAll(Set.of("job.registered " + id, "job.chain_ended " + id)));
        assertThat(callbacks.received()).allSatisfy(r -> {
            assertThat(r.validSignature()).isTrue();
            assertThat(r.path()).isEqualTo("/hooks/job-a");
        });
        assertThat(delivered(callbacks)).doesNotContain("job.ended " + id);
    }

    @Test
    void aCallbackElsewhereIsRefusedNamingTheSetting() {
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                callbacks.url("/hooksx"),
                callbacks.url("/other"),
                "http://127.0.0.1.example.com/hooks",
                "ftp://127.0.0.1/hooks")) {
            var answer = api.post(
                    "/api/v1/jobs",
                    "{\"response\": {\"job_id\": " + ids.incrementAndGet() + "}, \"notify\": {\"url\": \"" + url
                            + "\"}}");
            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.body().path("field").asString()).isEqualTo("notify.url");
        }
        var answer = api.post(
                "/api/v1/jobs",
                "{\"response\": {\"job_id\": " + ids.incrementAndGet() + "}, \"notify\": {\"url\": \""
                        + callbacks.url("/other") + "\"}}");
        assertThat(answer.body().path("detail").asString()).contains("gateway.webhooks.callback-url-prefixes");
        var unknown = api.post(
                "/api/v1/jobs",
                "{\"response\": {\"job_id\": " + ids.incrementAndGet() + "}, \"notify\": {\"url\": \""
                        + callbacks.url("/hooks/a") + "\", \"events\": [\"job.done\"]}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("field").asString()).isEqualTo("notify.events");
    }

    @Test
    void adminsSeeEndpointsAndDeliveriesPageByPageAndMayRetryOne() {
        List<String> jobs = register(3, "bulk");
        await().atMost(Duration.ofMinutes(1))
                .until(() -> delivered(ops).containsAll(expected(jobs, "job.ended", "job.chain_ended")));

        var list = api.get("/api/v1/webhooks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body()).doesNotContain(SECRET.substring(6, 20)).doesNotContain("whsec_");
        JsonNode opsView = endpoint("ops");
        assertThat(opsView.path("url").asString()).isEqualTo(ops.url("/ops"));
        assertThat(opsView.path("events").toString()).isEqualTo("[\"job.chain_ended\",\"job.ended\"]");
        assertThat(opsView.path("last_success_at").isNull()).isFalse();

        JsonNode first = api.get("/api/v1/webhooks/ops/deliveries?status=delivered&page_size=2")
                .body();
        assertThat(first.path("items").size()).isEqualTo(2);
        JsonNode second = api.get("/api/v1/webhooks/ops/deliveries?status=delivered&page_size=2&cursor="
                        + first.path("next_cursor").asString())
                .body();
        assertThat(second.path("items").path(0).path("id").asLong())
                .isLessThan(first.path("items").path(1).path("id").asLong());
        JsonNode delivery = first.path("items").path(0);
        assertThat(delivery.path("status").asString()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("last_status_code").asInt()).isEqualTo(200);

        String eventId = delivery.path("event_id").asString();
        long before = ops.received().stream()
                .filter(r -> r.webhookId().equals(eventId))
                .count();
        assertThat(api.post(
                                "/api/v1/webhooks/ops/deliveries/"
                                        + delivery.path("id").asLong() + "/retry",
                                "")
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> ops.received().stream()
                                .filter(r -> r.webhookId().equals(eventId))
                                .count()
                        > before);
        assertThat(api.post("/api/v1/webhooks/ops/deliveries/999999999/retry", "")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/nope/deliveries").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/ops/deliveries?status=lost").status())
                .isEqualTo(400);
    }

    @Test
    void secretsAppearNowhereAnAdminCanRead() {
        String key = SECRET.substring("whsec_".length());
        String callbackKey = CALLBACK_SECRET.substring("whsec_".length());
        for (String path : List.of(
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/env/gateway.webhooks.endpoints.ops.secret",
                "/actuator/env/gateway.webhooks.callback-secret",
                "/api/v1/webhooks",
                "/actuator/health")) {
            var answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.raw().body()).as(path).doesNotContain(key).doesNotContain(callbackKey);
        }
    }

    private JsonNode endpoint(String name) {
        return api.get("/api/v1/webhooks")
                .body()
                .path("items")
                .valueStream()
                .filter(e -> e.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode deliveries(String endpoint, String status) {
        return api.get("/api/v1/webhooks/" + endpoint + "/deliveries?status=" + status + "&page_size=500")
                .body()
                .path("items");
    }
}
