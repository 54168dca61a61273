package io.github.alationgateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.support.CountingAlation;
import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.TestPostgres;
import io.github.alationgateway.support.WebhookReceiver;
import io.github.alationgateway.support.WebhookReceiver.Answer;
import io.github.alationgateway.support.WebhookReceiver.Received;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL in the middle of deliveries, then started again: nothing is lost, and every
 * event sent twice carries the same webhook-id both times. The gateway runs in a JVM of its own, started from
 * the test's classpath, so that the kill is a real one: no shutdown hook, no graceful stop.
 */
@EnabledIfPostgres
class KilledSenderTest {

    private static final int JOBS = 200;
    private static final String SECRET = WebhookReceiver.newSecret();

    @TempDir
    Path dir;

    @Test
    void aSenderKilledMidDeliveryLosesNothingAndResendsUnderTheSameId() throws Exception {
        TestPostgres.Schema schema = TestPostgres.newSchema();
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        try (CountingAlation alation = CountingAlation.start(1_000, 0, 16);
                WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            // The receiver is slow, and from the 60th request on it holds every request until the kill: the
            // gateway dies with deliveries in flight whose answers it never records.
            receiver.answer(r -> {
                if (answered.incrementAndGet() >= 60 && killed.getCount() > 0) {
                    try {
                        killed.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new Answer(200, Map.of(), 20);
            });

            Process first = start(schema, alation, receiver, "first");
            awaitStarted(first, "first");
            List<String> jobs = insertJobs(schema, JOBS);
            await().atMost(Duration.ofMinutes(3)).until(() -> answered.get() >= 61);

            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            killed.countDown();
            long pendingAtKill = count(schema, "select count(*) from webhook_deliveries where status = 'pending'");
            assertThat(pendingAtKill).as("deliveries left when killed").isPositive();

            Process second = start(schema, alation, receiver, "second");
            try {
                awaitStarted(second, "second");
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> count(schema, "select count(*) from webhook_deliveries where status = 'delivered'")
                                == 2L * JOBS);
            } finally {
                second.destroyForcibly();
                second.waitFor(60, TimeUnit.SECONDS);
            }

            List<Received> all = receiver.received();
            assertThat(all).allSatisfy(r -> assertThat(r.validSignature()).isTrue());
            Map<String, Set<String>> idsPerEvent = all.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.type() + " " + r.jobId(),
                            Collectors.mapping(Received::webhookId, Collectors.toSet())));
            Set<String> expected = jobs.stream()
                    .flatMap(job -> java.util.stream.Stream.of("job.ended " + job, "job.chain_ended " + job))
                    .collect(Collectors.toSet());
            assertThat(idsPerEvent.keySet()).containsAll(expected);
            assertThat(idsPerEvent.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            long duplicates = all.size()
                    - all.stream().map(Received::webhookId).distinct().count();
            assertThat(duplicates)
                    .as("the deliveries in flight at the kill were sent again")
                    .isPositive();
        }
    }

    private Process start(TestPostgres.Schema schema, CountingAlation alation, WebhookReceiver receiver, String name)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-XX:TieredStopAtLevel=1",
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                GatewayApplication.class.getName(),
                "--spring.config.location=classpath:/",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + schema.url(),
                "--spring.datasource.username=" + schema.username(),
                "--spring.datasource.password=" + schema.password(),
                "--spring.flyway.schemas=" + schema.schema(),
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--gateway.instances.default.base-url=" + alation.baseUrl(),
                "--gateway.instances.default.access-token=token",
                "--gateway.instances.default.max-requests-per-second=0",
                "--gateway.poll.interval=100ms",
                "--gateway.poll.idle-wait=20ms",
                "--gateway.webhooks.endpoints.ops.url=" + receiver.url("/ops"),
                "--gateway.webhooks.endpoints.ops.secret=" + SECRET,
                "--gateway.webhooks.endpoints.ops.events=job.ended,job.chain_ended",
                "--gateway.webhooks.timeout=1s",
                "--gateway.webhooks.idle-wait=50ms"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private void awaitStarted(Process process, String name) {
        Path log = dir.resolve(name + ".log");
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) throw new AssertionError("the " + name + " gateway exited:\n" + read(log));
                    return read(log).contains("Started GatewayApplication");
                });
    }

    private static String read(Path log) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static List<String> insertJobs(TestPostgres.Schema schema, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = DriverManager.getConnection(schema.url(), schema.username(), schema.password());
                PreparedStatement insert = c.prepareStatement("insert into jobs (id, instance, alation_key,"
                        + " alation_job_id, kind, status, registered_at, next_poll_at, version)"
                        + " values (?, 'default', ?, ?, 'GENERIC', 'PENDING', ?, ?, 0)")) {
            for (int i = 1; i <= count; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                insert.setString(1, id);
                insert.setString(2, "id:" + i);
                insert.setLong(3, i);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return ids;
    }

    private static long count(TestPostgres.Schema schema, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(schema.url(), schema.username(), schema.password());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
