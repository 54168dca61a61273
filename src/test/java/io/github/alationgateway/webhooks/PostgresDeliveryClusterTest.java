package io.github.alationgateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import io.github.alationgateway.support.WebhookReceiver;
import io.github.alationgateway.support.WebhookReceiver.Answer;
import io.github.alationgateway.support.WebhookReceiver.Received;
import io.github.alationgateway.system.BackgroundLoops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Three senders on one PostgreSQL schema (this context's, and two more standing for other replicas) over 2,000
 * deliveries to a receiver that notices two requests with the same webhook-id at once. With SKIP LOCKED claims
 * no delivery is handed to two senders: none arrives twice, at once or at all, and every one arrives.
 */
@EnabledIfPostgres
// The PostgreSQL server is shared: give its connections back as soon as this class is done.
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"gateway.poll.enabled=false", "gateway.webhooks.idle-wait=20ms"})
class PostgresDeliveryClusterTest {

    private static final int EVENTS = 2_000;
    static final String SECRET = WebhookReceiver.newSecret();
    static final WebhookReceiver receiver = WebhookReceiver.start(SECRET);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresProperties.register(registry);
        registry.add("gateway.instances.default.base-url", () -> "http://127.0.0.1:9");
        registry.add("gateway.webhooks.endpoints.ops.url", () -> receiver.url("/ops"));
        registry.add("gateway.webhooks.endpoints.ops.secret", () -> SECRET);
        registry.add("gateway.webhooks.endpoints.ops.max-concurrent", () -> "8");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    WebhookProperties settings;

    @Autowired
    Receivers receivers;

    @Autowired
    DeliveryClaims claims;

    @Autowired
    EventLog events;

    @Autowired
    DecideDelivery decide;

    @Autowired
    EndpointStates states;

    @Autowired
    BackgroundLoops loops;

    @Autowired
    Deliveries deliveries;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void senderReplicasNeverSendOneDeliveryTwice() {
        // PostgreSQL claims with SKIP LOCKED, each claim in a transaction of its own.
        assertThat(claims)
                .isInstanceOfSatisfying(
                        DeliveryClaims.InTransaction.class,
                        inTransaction ->
                                assertThat(inTransaction.claims()).isInstanceOf(DeliveryClaims.SkipLocked.class));
        receiver.answer(r -> new Answer(200, Map.of(), 3));
        List<DeliverWebhooks> replicas = new ArrayList<>();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.add(new DeliverWebhooks(
                    settings,
                    receivers,
                    claims,
                    events,
                    decide,
                    states,
                    new SendWebhook(settings.timeout(), "test", clock),
                    clock,
                    name,
                    loops));
        }
        replicas.forEach(DeliverWebhooks::start);
        try {
            List<String> ids = insertEvents(EVENTS);

            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> receiver.received().size() >= EVENTS
                            && jdbc.queryForObject(
                                            "select count(*) from webhook_deliveries where status = 'delivered'",
                                            Long.class)
                                    == EVENTS);

            Map<String, Long> perId = receiver.received().stream()
                    .collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
            assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(perId.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
            assertThat(receiver.overlaps()).isZero();
            assertThat(receiver.received())
                    .allSatisfy(r -> assertThat(r.validSignature()).isTrue());
            // Nothing failed or was retried: every delivery took exactly one attempt.
            assertThat(jdbc.queryForList("select distinct attempts from webhook_deliveries", Integer.class))
                    .containsExactly(1);
        } finally {
            replicas.forEach(DeliverWebhooks::stop);
        }
    }

    private List<String> insertEvents(int count) {
        Instant at = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        List<Deliveries.New> due = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Function<Integer, String> job = i -> "job-" + i;
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            rows.add(new Object[] {
                id, "job.ended", job.apply(i), at.atOffset(ZoneOffset.UTC), "{\"id\": \"" + job.apply(i) + "\"}"
            });
            due.add(new Deliveries.New("ops", null, id, "job.ended", job.apply(i), at));
        }
        jdbc.batchUpdate("insert into job_events (id, type, job_id, at, data) values (?, ?, ?, ?, ?)", rows);
        deliveries.insert(due);
        return ids;
    }
}
