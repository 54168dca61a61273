package io.github.alationgateway.stream;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.EventStreamClient;
import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.github.alationgateway.support.PostgresProperties;
import io.github.alationgateway.support.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two replicas on one PostgreSQL schema: this context (B) serves the stream and polls nothing; replica A polls
 * every job. Events A commits reach B's stream by B reading the log, within the promised second, and B's stream
 * sees each job's life whole and in order.
 */
@EnabledIfPostgres
// The PostgreSQL server is shared: give its connections back as soon as this class is done.
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gateway.poll.enabled=false", "gateway.security.rate-limit.requests-per-second=0"})
class PostgresStreamClusterTest {

    private static final int JOBS = 20;
    static final FakeAlation alation = FakeAlation.start();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static TestPostgres.Schema schema;
    private static ConfigurableApplicationContext replicaA;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        schema = PostgresProperties.register(registry);
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
    }

    @AfterAll
    static void stopReplicaA() {
        if (replicaA != null) replicaA.close();
    }

    private static ConfigurableApplicationContext startReplicaA() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + schema.url(),
                        "--spring.datasource.username=" + schema.username(),
                        "--spring.datasource.password=" + schema.password(),
                        "--spring.flyway.schemas=" + schema.schema(),
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--gateway.replica-name=replica-a",
                        "--gateway.instances.default.base-url=" + alation.baseUrl(),
                        "--gateway.instances.default.access-token=" + FakeAlation.TOKEN,
                        "--gateway.poll.interval=100ms",
                        "--gateway.poll.max-interval=200ms",
                        "--gateway.poll.idle-wait=20ms");
    }

    @Test
    void eventsOfJobsPolledOnAReachAStreamHeldOnBWithinASecond() {
        // GIVEN replica A polling, and a stream held on B (which polls nothing)
        replicaA = startReplicaA();
        GatewayApi api = new GatewayApi(port);
        String run = "cluster" + ids.incrementAndGet();
        EventStreamClient stream = EventStreamClient.open(port, "/api/v1/events?label=run:" + run);
        assertThat(stream.status()).isEqualTo(200);

        // WHEN jobs registered through B run and end, polled on A
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            long alationId = ids.incrementAndGet();
            alation.scriptById(
                    alationId, status("running", "Job is running", null), status("successful", "Job finished", "[]"));
            jobs.add(api.register(
                            "{\"response\": {\"job_id\": " + alationId + "}, \"labels\": {\"run\": \"" + run + "\"}}")
                    .path("id")
                    .asString());
        }

        // THEN B's stream gets every job's four events, in seq order, each once
        await().atMost(Duration.ofSeconds(60)).until(() -> stream.events().size() >= 4 * JOBS);
        assertThat(stream.ids()).isSorted().doesNotHaveDuplicates().hasSize(4 * JOBS);
        for (String job : jobs) {
            assertThat(stream.events().stream()
                            .filter(e ->
                                    e.data().path("data").path("id").asString().equals(job))
                            .map(EventStreamClient.Event::type))
                    .containsExactly("job.registered", "job.running", "job.ended", "job.chain_ended");
        }
        // AND those A committed arrived within a second of being written (a loaded test machine gets another)
        List<Duration> lags = stream.events().stream()
                .filter(e -> !e.type().equals("job.registered"))
                .map(e -> Duration.between(Instant.parse(e.data().path("at").asString()), e.receivedAt()))
                .sorted()
                .toList();
        System.out.printf(
                "Cross-replica stream lag over %d events: median %d ms, p95 %d ms, max %d ms%n",
                lags.size(),
                lags.get(lags.size() / 2).toMillis(),
                lags.get(lags.size() * 95 / 100).toMillis(),
                lags.get(lags.size() - 1).toMillis());
        assertThat(lags.get(lags.size() - 1)).isLessThan(Duration.ofSeconds(2));
    }
}
