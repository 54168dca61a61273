package io.github.alationgateway.events;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log through the running gateway: which events a job's life writes, what they hold, and that they
 * commit or roll back with the change. Written once, run on H2 and PostgreSQL unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EventLogContract.FailingSubscriber.class)
abstract class EventLogContract {

    static final FakeAlation alation = FakeAlation.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    @Autowired
    EventLog log;

    @Autowired
    JdbcTemplate jdbc;

    GatewayApi api;

    static void fakeAlation(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
    }

    /** Fails the transaction of any event of a job labelled {@code explode}, as a failing write would. */
    @TestConfiguration
    static class FailingSubscriber {
        @Bean
        EventSubscriber explodes() {
            return events -> {
                if (events.stream().anyMatch(e -> e.job().labels().containsKey("explode"))) {
                    throw new IllegalStateException("subscriber failed on purpose");
                }
            };
        }
    }

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    List<StoredEvent> eventsOf(String jobId) {
        return log.after(0, 100_000).stream()
                .filter(e -> e.jobId().equals(jobId))
                .toList();
    }

    List<String> typesOf(String jobId) {
        return eventsOf(jobId).stream().map(e -> e.type().wire()).toList();
    }

    @Test
    void aJobsLifeWritesRegisteredRunningEndedAndChainEndedOnceEachInOrder() {
        long id = ids.incrementAndGet();
        alation.scriptById(
                id,
                status("running", "Job is running", null),
                status("running", "Job is running", null),
                status("successful", "Job finished", "[\"done\"]"));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}, \"labels\": {\"team\": \"a\"}}")
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(15)).until(() -> typesOf(jobId).contains("job.chain_ended"));
        assertThat(typesOf(jobId)).containsExactly("job.registered", "job.running", "job.ended", "job.chain_ended");
        List<StoredEvent> events = eventsOf(jobId);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).seq()).isGreaterThan(events.get(i - 1).seq());
        }
        // Nothing changes on an ended job: the event shows it exactly as GET does now.
        JsonNode shown = api.job(jobId);
        assertThat(JSON.readTree(events.get(2).data())).isEqualTo(shown);
        assertThat(JSON.readTree(events.get(3).data())).isEqualTo(shown);
        assertThat(JSON.readTree(events.get(0).data()).path("status").asString())
                .isEqualTo("pending");
        assertThat(JSON.readTree(events.get(1).data()).path("status").asString())
                .isEqualTo("running");
    }

    @Test
    void theEventJsonCarriesIdSeqTypeTimeAndTheJob() {
        long id = ids.incrementAndGet();
        alation.scriptById(id, status("failed", "Job failed", "\"bad row\""));
        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> typesOf(jobId).contains("job.ended"));

        StoredEvent ended = eventsOf(jobId).stream()
                .filter(e -> e.type() == EventType.ENDED)
                .findFirst()
                .orElseThrow();
        JsonNode json = JSON.readTree(ended.json());

        assertThat(json.path("id").asString()).isEqualTo(ended.id());
        assertThat(json.path("seq").asLong()).isEqualTo(ended.seq());
        assertThat(json.path("type").asString()).isEqualTo("job.ended");
        assertThat(java.time.Instant.parse(json.path("at").asString())).isEqualTo(ended.at());
        assertThat(json.path("data").path("id").asString()).isEqualTo(jobId);
        assertThat(json.path("data").path("status").asString()).isEqualTo("failed");
        assertThat(log.byId(ended.id())).contains(ended);
        assertThat(log.oldestSeq()).isPresent();
        assertThat(log.oldestSeq().getAsLong()).isLessThanOrEqualTo(ended.seq());
        assertThat(log.latestSeq()).isGreaterThanOrEqualTo(ended.seq());
    }

    @Test
    void aChainEndsOnceItsFollowUpHasEnded() {
        long first = ids.incrementAndGet();
        long second = ids.incrementAndGet();
        alation.scriptById(
                first,
                status(
                        "successful",
                        "Job finished",
                        "[\"Updating values in the background. The job (can be tracked using jobs API): " + second
                                + "\"]"));
        alation.scriptById(second, status("running", null, null), status("failed", "Job failed", null));

        String parentId = api.register("{\"response\": {\"job_id\": " + first + "},"
                        + " \"method\": \"PUT\", \"endpoint\": \"/integration/v2/custom_field_value/async/\"}")
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(15)).until(() -> typesOf(parentId).contains("job.chain_ended"));
        String childId = api.job(parentId).path("follow_up_ids").path(0).asString();
        assertThat(typesOf(parentId)).containsExactly("job.registered", "job.ended", "job.chain_ended");
        assertThat(typesOf(childId)).containsExactly("job.registered", "job.running", "job.ended");
        StoredEvent chainEnded = eventsOf(parentId).get(2);
        assertThat(JSON.readTree(chainEnded.data()).path("chain_status").asString())
                .isEqualTo("failed");
        assertThat(chainEnded.seq()).isGreaterThan(eventsOf(childId).get(2).seq());
        assertThat(JSON.readTree(eventsOf(parentId).get(1).data())
                        .path("chain_status")
                        .asString())
                .isEqualTo("running");
    }

    @Test
    void anEventThatCannotBeWrittenTakesItsChangeWithIt() {
        long id = ids.incrementAndGet();
        alation.scriptById(id, status("running", null, null));

        var answer =
                api.post("/api/v1/jobs", "{\"response\": {\"job_id\": " + id + "}, \"labels\": {\"explode\": \"1\"}}");

        // A server error (the store's translation decides whether 500 or 503), and nothing was registered.
        assertThat(answer.status()).isBetween(500, 503);
        assertThat(api.get("/api/v1/jobs?alation_job_id=" + id)
                        .body()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void eventsOlderThanTheRetentionAreDeletedAfterTheRowsThatLiveWithThem() {
        long id = ids.incrementAndGet();
        alation.scriptById(id, status("successful", null, null));
        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> typesOf(jobId).contains("job.chain_ended"));
        List<String> order = new java.util.ArrayList<>();
        ExpiresWithEvents deliveries = (cutoff, limit) -> {
            order.add("deliveries before " + cutoff);
            return 0;
        };
        Clock now = Clock.systemUTC();

        var keepAll = new EventRetention(jdbc, new EventProperties(Duration.ofDays(7)), now, provider(deliveries));
        assertThat(keepAll.deleteExpired()).isZero();
        assertThat(typesOf(jobId)).containsExactly("job.registered", "job.ended", "job.chain_ended");

        var later = Clock.offset(now, Duration.ofDays(8));
        var retention = new EventRetention(jdbc, new EventProperties(Duration.ofDays(7)), later, provider(deliveries));
        assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(3);
        assertThat(typesOf(jobId)).isEmpty();
        assertThat(log.oldestSeq()).isEmpty();
        assertThat(order).hasSize(2);
    }

    private static ObjectProvider<ExpiresWithEvents> provider(ExpiresWithEvents bean) {
        var factory = new org.springframework.beans.factory.support.StaticListableBeanFactory();
        factory.addBean("deliveries", bean);
        return factory.getBeanProvider(ExpiresWithEvents.class);
    }

    @Test
    void listenersAreToldAfterCommit() throws Exception {
        Semaphore told = new Semaphore(0);
        long before = log.latestSeq();
        try (AutoCloseable registration = log.onAppend(told::release)) {
            long id = ids.incrementAndGet();
            alation.scriptById(id, status("running", null, null));
            api.register("{\"response\": {\"job_id\": " + id + "}}");

            assertThat(told.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
            assertThat(log.latestSeq()).isGreaterThan(before);
        }
    }
}
