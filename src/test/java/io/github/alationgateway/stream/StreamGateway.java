package io.github.alationgateway.stream;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.store.StatusChanges;
import io.github.alationgateway.support.EventStreamClient;
import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A running gateway for stream tests, polling a fake Alation whose answers the test switches, with the helpers
 * its tests share: jobs that run until ended, streams closed after each test, events written straight to the log.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.security.rate-limit.requests-per-second=0",
            "gateway.security.api-keys[0].name=test-admin",
            "gateway.security.api-keys[0].key=" + GatewayApi.TEST_ADMIN_KEY,
            "gateway.security.api-keys[0].role=admin",
            "gateway.security.api-keys[1].name=other-reader",
            "gateway.security.api-keys[1].key=" + StreamGateway.OTHER_READER_KEY,
            "gateway.security.api-keys[1].role=reader",
            "gateway.security.api-keys[1].instances=other",
            "gateway.security.api-keys[2].name=third-reader",
            "gateway.security.api-keys[2].key=" + StreamGateway.THIRD_READER_KEY,
            "gateway.security.api-keys[2].role=reader",
            "gateway.events.max-streams=5",
            "gateway.events.max-streams-per-key=3",
            "gateway.events.ping-interval=300ms",
            "gateway.events.stream-check-interval=50ms",
            "gateway.events.stream-buffer=64KB",
        })
abstract class StreamGateway {

    static final String OTHER_READER_KEY = "other-reader-key-0123456789";
    static final String THIRD_READER_KEY = "third-reader-key-0123456789";
    static final FakeAlation alation = FakeAlation.start();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StatusChanges changes;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    EventLog log;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StreamFeed feed;

    GatewayApi api;
    final List<EventStreamClient> clients = new ArrayList<>();

    static void fakeAlation(DynamicPropertyRegistry registry) {
        for (String instance : new String[] {"default", "other"}) {
            registry.add("gateway.instances." + instance + ".base-url", alation::baseUrl);
            registry.add("gateway.instances." + instance + ".access-token", () -> FakeAlation.TOKEN);
        }
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
    }

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    @AfterEach
    void closeStreams() {
        clients.forEach(EventStreamClient::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
    }

    EventStreamClient stream(String path) {
        return stream(path, GatewayApi.TEST_ADMIN_KEY, null);
    }

    EventStreamClient stream(String path, String key, String lastEventId) {
        EventStreamClient client = EventStreamClient.open("http://localhost:" + port, path, key, lastEventId);
        clients.add(client);
        return client;
    }

    /** A job Alation reports as running until {@link #end} says otherwise. */
    record RunningJob(String id, long alationId) {}

    RunningJob running(String instance, String label) {
        long alationId = ids.incrementAndGet();
        alation.scriptById(alationId, status("running", "Job is running", null));
        String id = api.register("{\"response\": {\"job_id\": " + alationId + "}, \"instance\": \"" + instance
                        + "\", \"labels\": {\"run\": \"" + label + "\"}}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(id).path("status").asString().equals("running"));
        return new RunningJob(id, alationId);
    }

    static void end(RunningJob job, String outcome) {
        alation.scriptById(job.alationId(), status(outcome, "Job finished", "[]"));
    }

    static String label() {
        return "r" + ids.incrementAndGet();
    }

    long insertEvent(String run, int padding) {
        String job = java.util.UUID.randomUUID().toString();
        String data = "{\"id\":\"" + job + "\",\"instance\":\"default\",\"kind\":\"GENERIC\",\"labels\":{\"run\":\""
                + run + "\",\"pad\":\"" + "x".repeat(padding) + "\"}}";
        tx.executeWithoutResult(status -> jdbc.update(
                "insert into job_events (id, type, job_id, at, data) values (?, 'job.running', ?, ?, ?)",
                java.util.UUID.randomUUID().toString(),
                job,
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC),
                data));
        return jdbc.queryForObject("select seq from job_events where job_id = ?", Long.class, job);
    }

    double closed(String why) {
        var counter = meters.find("gateway.streams.closed").tag("why", why).counter();
        return counter == null ? 0 : counter.count();
    }

    long ofJob(String jobId) {
        return jdbc.queryForObject(
                "select max(seq) from job_events where job_id = ? and type = 'job.ended'", Long.class, jobId);
    }

    double openStreams() {
        return meters.get("gateway.streams.open").gauge().value();
    }
}
