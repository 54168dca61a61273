package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.alation.JobStatusAnswer;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.Outcomes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** SIGTERM: the poller stops claiming, finishes what it can within the request timeout, and hands back the rest. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
class PollLoopStopTest {

    private static final PollProperties SETTINGS = new PollProperties(
            true,
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofHours(1),
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            4,
            50,
            Duration.ofMillis(20),
            DataSize.ofMegabytes(1));

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    JobStore store;

    @Autowired
    DecideOutcome decide;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void sixJobsDue() {
        jdbc.update("delete from job_logs");
        jdbc.update("delete from jobs");
        TestJobs.insert(jdbc, 6, clock.instant(), Duration.ZERO);
    }

    @Test
    void stopHandsBackTheClaimsOfCallsThatOutliveTheRequestTimeout() {
        // GIVEN an Alation whose calls hang (a dead connection), and a poller with 4 of 6 jobs in flight
        var hung = new Hung();
        PollLoop poller = poller(hung);
        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> hung.calls.get() == 4);

        // WHEN it is told to stop
        poller.stop();

        // THEN the 4 claims are handed back unpolled and due now, and the 2 others were never claimed
        Instant now = clock.instant();
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select lease_owner, next_poll_at, poll_count, version, status from jobs where version > 0");
        assertThat(rows).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("lease_owner")).isNull();
            assertThat(row.get("poll_count")).isEqualTo(0);
            assertThat(row.get("status")).isEqualTo("PENDING");
            assertThat(((java.time.OffsetDateTime) row.get("next_poll_at")).toInstant())
                    .isBefore(now);
        });
        assertThat(jdbc.queryForObject("select count(*) from jobs where version = 0", Integer.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from job_logs", Integer.class))
                .isZero();
    }

    @Test
    void stopLetsPollsUnderWayFinishAndWritesTheirOutcomes() {
        // GIVEN an Alation that answers after 300 ms, and a poller with 4 calls under way
        var slow = new Hung();
        PollLoop poller = poller(slow);
        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.calls.get() == 4);

        // WHEN it is told to stop, and the calls answer within the request timeout
        new Thread(() -> {
                    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                    slow.answer.countDown();
                })
                .start();
        poller.stop();

        // THEN their outcomes are written and nothing else was claimed
        assertThat(jdbc.queryForObject(
                        "select count(*) from jobs where status = 'SUCCESSFUL' and lease_owner is null", Integer.class))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from jobs where version = 0", Integer.class))
                .isEqualTo(2);
        assertThat(slow.calls.get()).isEqualTo(4);
    }

    /**
     * A stop used to be allowed a lease, a request timeout and 10 s for the writer: longer than Spring's shutdown
     * phase and a container's grace period. Now it ends within {@code spring.lifecycle.timeout-per-shutdown-phase}.
     */
    @Test
    void stopEndsWithinItsBudgetWhileTheDatabaseHangsOnAWrite() {
        // GIVEN outcome writes that hang, as on a database that stopped answering, and polls waiting on them
        CountDownLatch unblock = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        Outcomes hanging = new Outcomes(jdbc, tx) {
            @Override
            public List<String> record(List<io.github.alationgateway.store.Outcome> batch) {
                writes.incrementAndGet();
                try {
                    unblock.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.record(batch);
            }
        };
        PollLoop poller = new PollLoop(
                SETTINGS,
                claims,
                hanging,
                new PollLoopResilienceTest.Succeeding(),
                decide,
                new FollowUps(store),
                clock,
                "stopping-poller",
                new SimpleMeterRegistry());
        poller.stopWithin(Duration.ofSeconds(2));
        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() >= 1);

        // WHEN it is told to stop
        long start = System.nanoTime();
        poller.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        unblock.countDown();

        // THEN it is done within its 2 s, and the claims it could not write are handed back, due at once
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
        assertThat(jdbc.queryForObject("select count(*) from jobs where lease_owner is not null", Integer.class))
                .isZero();
    }

    private PollLoop poller(AlationClient alation) {
        return new PollLoop(
                SETTINGS,
                claims,
                outcomes,
                alation,
                decide,
                new FollowUps(store),
                clock,
                "stopping-poller",
                new SimpleMeterRegistry());
    }

    /** Answers 'successful' once {@code answer} opens; until then every call hangs, ignoring the timeout. */
    static final class Hung implements AlationClient {

        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch answer = new CountDownLatch(1);

        @Override
        public Set<String> instances() {
            return Set.of("default");
        }

        @Override
        public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
            calls.incrementAndGet();
            try {
                answer.await();
                return new JobStatusAnswer.Status("successful", "done", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new JobStatusAnswer.Unavailable("interrupted");
            }
        }
    }
}
