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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
class PollLoopResilienceTest {

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
    void emptyStore() {
        jdbc.update("delete from job_logs");
        jdbc.update("delete from jobs");
    }

    /** It used to end the claim thread: the replica then looked healthy and never polled again. */
    @Test
    void anUnexpectedErrorWhileClaimingDoesNotStopThePoller() {
        // GIVEN a claim that fails once with something other than a database error
        TestJobs.insert(jdbc, 3, clock.instant(), Duration.ZERO);
        AtomicInteger attempts = new AtomicInteger();
        JobClaims failingOnce = (owner, now, leaseUntil, limit) -> {
            if (attempts.incrementAndGet() == 1) throw new IllegalStateException("a bug, say");
            return claims.claimDue(owner, now, leaseUntil, limit);
        };
        var poller = poller(failingOnce, new Succeeding());
        poller.start();
        try {
            // THEN it goes on claiming, and the jobs end
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from jobs where status = 'SUCCESSFUL'", Integer.class)
                                    == 3);
            assertThat(attempts.get()).isGreaterThan(1);
        } finally {
            poller.stop();
        }
    }

    /**
     * It used to end the outcome writer's thread (it caught only DataAccessException): the replica then claimed no
     * more once its slots were full, while liveness said UP.
     */
    @Test
    void theOutcomeWriterFailingDoesNotStopThePollerAndLosesNoOutcome() {
        // GIVEN a database that refuses the first outcome writes the way a vanished PostgreSQL does
        TestJobs.insert(jdbc, 5, clock.instant(), Duration.ZERO);
        AtomicInteger writes = new AtomicInteger();
        Outcomes failing = new Outcomes(jdbc, tx) {
            @Override
            public java.util.List<String> record(java.util.List<io.github.alationgateway.store.Outcome> batch) {
                int write = writes.incrementAndGet();
                if (write == 1) throw new TransactionSystemException("JDBC rollback failed");
                if (write <= 3) throw new CannotCreateTransactionException("Could not open JDBC Connection");
                if (write == 4) throw new IllegalStateException("a bug, say");
                return super.record(batch);
            }
        };
        var alation = new Succeeding();
        var poller = poller(claims, failing, alation);
        poller.start();
        try {
            // THEN every job still ends, from the polls already made: none had to wait for its lease to run out
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from jobs where status = 'SUCCESSFUL'", Integer.class)
                                    == 5);
            assertThat(writes.get()).isGreaterThan(4);
            assertThat(alation.calls.get()).isEqualTo(5);
            // AND the poller still claims afterwards
            TestJobs.insert(jdbc, 2, clock.instant(), Duration.ZERO);
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from jobs where status = 'SUCCESSFUL'", Integer.class)
                                    == 7);
        } finally {
            poller.stop();
        }
    }

    /**
     * A row the database refuses for its data used to fail its whole batch, and then came back silently after
     * every lease. Now the batch is written again row by row, and the refused row's job says what happened.
     */
    @Test
    void aRowTheDatabaseRefusesIsSplitFromItsBatchAndItsJobSaysSo() {
        // GIVEN five due jobs, one of whose outcomes the database refuses whenever it is in a write
        java.util.List<String> ids = TestJobs.insert(jdbc, 5, clock.instant(), Duration.ZERO);
        String poisoned = ids.get(2);
        AtomicInteger refusedWrites = new AtomicInteger();
        Outcomes refusing = new Outcomes(jdbc, tx) {
            @Override
            public java.util.List<String> record(java.util.List<io.github.alationgateway.store.Outcome> batch) {
                if (batch.stream().anyMatch(o -> o.jobId().equals(poisoned))) {
                    refusedWrites.incrementAndGet();
                    throw new DataIntegrityViolationException("value too long for type character varying(256)");
                }
                return super.record(batch);
            }
        };
        var poller = poller(claims, refusing, new Succeeding());
        poller.start();
        try {
            // THEN the other four end
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from jobs where status = 'SUCCESSFUL'", Integer.class)
                                    == 4);
            // AND the refused one is no longer leased, says why, has an ERROR in its log, and is asked about later
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from jobs where id = ? and lease_owner is null and"
                                            + " status_reason is not null",
                                    Integer.class,
                                    poisoned)
                            == 1);
            var job = store.findById(poisoned).orElseThrow();
            assertThat(job.status()).isEqualTo(io.github.alationgateway.store.JobStatus.PENDING);
            assertThat(job.statusReason())
                    .startsWith("The gateway could not store Alation's last answer")
                    .contains("value too long");
            assertThat(job.nextPollAt()).isAfter(clock.instant().plusSeconds(30));
            assertThat(store.logs(poisoned))
                    .anyMatch(line ->
                            line.level().equals("ERROR") && line.message().contains("could not store"));
            assertThat(refusedWrites.get()).isGreaterThanOrEqualTo(1);
        } finally {
            poller.stop();
        }
    }

    /**
     * A replica paused between reading the clock and claiming (GC, SIGSTOP) gets leases that end before a call
     * could: another replica may hold the job by then, so it must not call Alation for it.
     */
    @Test
    void aClaimWhoseLeaseCannotCoverTheCallIsNotPolled() {
        // GIVEN claims that come back with 100 ms of lease left, less than the 500 ms request timeout
        TestJobs.insert(jdbc, 3, clock.instant(), Duration.ZERO);
        JobClaims late = (owner, now, leaseUntil, limit) ->
                claims.claimDue(owner, clock.instant(), clock.instant().plusMillis(100), limit);
        var alation = new Succeeding();
        var poller = poller(late, alation);
        poller.start();
        try {
            // THEN nothing is sent to Alation while the jobs keep falling due and being claimed
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject("select min(version) from jobs", Long.class) >= 3);
            assertThat(alation.calls.get()).isZero();
        } finally {
            poller.stop();
        }
    }

    private PollLoop poller(JobClaims jobClaims, AlationClient alation) {
        return poller(jobClaims, outcomes, alation);
    }

    private PollLoop poller(JobClaims jobClaims, Outcomes outcomes, AlationClient alation) {
        return new PollLoop(
                new PollProperties(
                        true,
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofHours(1),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(500),
                        4,
                        50,
                        Duration.ofMillis(20),
                        DataSize.ofMegabytes(1)),
                jobClaims,
                outcomes,
                alation,
                decide,
                new FollowUps(store),
                clock,
                "resilient",
                new SimpleMeterRegistry());
    }

    static final class Succeeding implements AlationClient {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Set<String> instances() {
            return Set.of("default");
        }

        @Override
        public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
            calls.incrementAndGet();
            return new JobStatusAnswer.Status("successful", "done", null);
        }
    }
}
