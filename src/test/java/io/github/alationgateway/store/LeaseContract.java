package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EmptyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What keeps replicas from stepping on each other, as the store promises it: claims are exclusive while the
 * lease holds, a lapsed lease can be taken over, and a replica that wakes up after its lease ran out cannot
 * overwrite the newer outcome. Written once, run by each database subclass unchanged. Times are given, not
 * waited for: the store compares the instants it is handed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class LeaseContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final AtomicLong ids = new AtomicLong(1000);

    @Autowired
    JobStore store;

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
    }

    @Test
    void aPausedPollerCannotOverwriteTheOutcomeOfTheReplicaThatTookItsJobOver() {
        // GIVEN replica A claimed a job, then paused longer than its lease
        Job job = register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));
        // WHEN replica B claims it after the lease and records that the job succeeded
        Instant later = T0.plus(LEASE).plusSeconds(1);
        ClaimedJob b = only(claims.claimDue("replica-b", later, later.plus(LEASE), 10));
        assertThat(b.job().id()).isEqualTo(job.id());
        assertThat(outcomes.record(List.of(outcome(b, JobStatus.SUCCESSFUL, "from B", later))))
                .containsExactly(job.id());
        // AND A wakes up and writes what it saw before its pause
        List<String> written = outcomes.record(List.of(outcome(a, JobStatus.RUNNING, "from A", later.plusSeconds(1))));
        // THEN A's write is rejected, and the job shows B's outcome and B's log line only
        assertThat(written).isEmpty();
        Job stored = store.findById(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCESSFUL);
        assertThat(stored.msg()).isEqualTo("from B");
        assertThat(stored.leaseOwner()).isNull();
        assertThat(stored.nextPollAt()).isNull();
        assertThat(store.logs(job.id()))
                .extracting(JobLogEntry::message)
                .doesNotContain("from A")
                .contains("from B");
    }

    @Test
    void aPausedPollerCannotHandBackAClaimThatIsNoLongerItsOwn() {
        register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));
        Instant later = T0.plus(LEASE).plusSeconds(1);
        ClaimedJob b = only(claims.claimDue("replica-b", later, later.plus(LEASE), 10));

        assertThat(outcomes.release(List.of(a), later)).isZero();

        Job stored = store.findById(a.job().id()).orElseThrow();
        assertThat(stored.leaseOwner()).isEqualTo("replica-b");
        assertThat(stored.version()).isEqualTo(b.job().version());
    }

    @Test
    void aLeasedJobIsNotClaimedAgainUntilItsLeaseRunsOut() {
        register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));

        assertThat(claims.claimDue("replica-b", T0.plusSeconds(29), T0.plusSeconds(59), 10))
                .isEmpty();
        ClaimedJob b = only(claims.claimDue("replica-b", T0.plus(LEASE), T0.plus(LEASE.multipliedBy(2)), 10));
        assertThat(b.job().id()).isEqualTo(a.job().id());
        assertThat(b.job().version()).isGreaterThan(a.job().version());
        assertThat(b.dueAt()).isEqualTo(T0.plus(LEASE));
    }

    @Test
    void aReleasedClaimIsDueAtOnceForAnyReplica() {
        register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));

        assertThat(outcomes.release(List.of(a), T0.plusSeconds(1))).isEqualTo(1);

        Job released = store.findById(a.job().id()).orElseThrow();
        assertThat(released.leaseOwner()).isNull();
        assertThat(released.nextPollAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(claims.claimDue("replica-b", T0.plusSeconds(1), T0.plusSeconds(31), 10))
                .hasSize(1);
    }

    /** A "poll now" during a poll used to make the job due at once, so a second replica polled it alongside. */
    @Test
    void pollNowLeavesAJobAloneWhileAReplicaHoldsItsLease() {
        register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));

        assertThat(store.requestPoll(a.job().id(), T0.plusSeconds(1))).isFalse();

        assertThat(claims.claimDue("replica-b", T0.plusSeconds(1), T0.plusSeconds(31), 10))
                .isEmpty();
        assertThat(store.findById(a.job().id()).orElseThrow().nextPollAt()).isEqualTo(T0.plus(LEASE));
    }

    @Test
    void pollNowMakesAnIdleJobDue() {
        Job job = register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));
        outcomes.record(List.of(outcome(a, JobStatus.RUNNING, "running", T0.plusSeconds(1))));

        assertThat(store.requestPoll(job.id(), T0.plusSeconds(2))).isTrue();

        assertThat(claims.claimDue("replica-b", T0.plusSeconds(2), T0.plusSeconds(32), 10))
                .hasSize(1);
    }

    @Test
    void finishedJobsAreNeverClaimed() {
        register(T0);
        ClaimedJob a = only(claims.claimDue("replica-a", T0, T0.plus(LEASE), 10));
        outcomes.record(List.of(outcome(a, JobStatus.SUCCESSFUL, "done", T0.plusSeconds(1))));

        assertThat(claims.claimDue("replica-b", T0.plus(Duration.ofDays(400)), T0.plus(Duration.ofDays(401)), 10))
                .isEmpty();
    }

    /**
     * One over-long status from Alation (stored verbatim in a varchar(256)) used to fail its whole batch, and the
     * job came back after every lease with the same answer.
     */
    @Test
    void overLongTextsFromAlationAreCutToTheirColumnsAndTheBatchLands() {
        // GIVEN two claimed jobs, one of which Alation answers with a status, message and error far too long
        register(T0);
        register(T0);
        List<ClaimedJob> claimed = claims.claimDue("replica-a", T0, T0.plus(LEASE), 10);
        assertThat(claimed).hasSize(2);
        Instant now = T0.plusSeconds(1);
        String status = "s".repeat(1000);
        Outcome normal = outcome(claimed.get(0), JobStatus.RUNNING, "fine", now);
        Outcome huge = outcome(claimed.get(1), JobStatus.RUNNING, "m".repeat(200_000), now);
        huge = new Outcome(
                huge.jobId(),
                huge.version(),
                huge.leaseOwner(),
                huge.status(),
                status,
                "r".repeat(5000),
                huge.msg(),
                null,
                now,
                1,
                "e".repeat(5000),
                huge.nextPollAt(),
                null,
                List.of(new Outcome.LogLine(now, "WARN", status, "x".repeat(10_000), false)));

        // WHEN both are written in one batch
        List<String> written = outcomes.record(List.of(normal, huge));

        // THEN both land, the long texts cut to their columns with a mark that they were cut
        assertThat(written).containsExactlyInAnyOrder(normal.jobId(), huge.jobId());
        Job stored = store.findById(huge.jobId()).orElseThrow();
        assertThat(stored.alationStatus()).hasSize(Columns.STATUS).endsWith("…");
        assertThat(stored.statusReason()).hasSize(Columns.REASON).endsWith("…");
        assertThat(stored.lastError()).hasSize(Columns.REASON).endsWith("…");
        assertThat(stored.msg()).hasSize(Columns.MSG).startsWith("mmm").endsWith("…");
        assertThat(store.logs(huge.jobId())).last().satisfies(line -> {
            assertThat(line.status()).hasSize(Columns.STATUS);
            assertThat(line.message()).hasSize(Columns.LOG_MESSAGE);
        });
        assertThat(store.findById(normal.jobId()).orElseThrow().msg()).isEqualTo("fine");
    }

    @Test
    void registrationIsIdempotentWhenReplicasRaceForTheSameAlationJob() throws Exception {
        var ref = AlationJobRef.ofId(ids.incrementAndGet());
        Callable<JobStore.Registration> register = () -> store.register(
                new NewJob("default", ref, JobKind.GENERIC, Map.of("k", "v"), "test", null, T0), "Registered");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<JobStore.Registration>> results = threads.invokeAll(
                    IntStream.range(0, 8).mapToObj(i -> register).toList());
            Set<String> jobIds = new java.util.HashSet<>();
            int created = 0;
            for (Future<JobStore.Registration> result : results) {
                jobIds.add(result.get().job().id());
                if (result.get().created()) created++;
            }
            assertThat(jobIds).hasSize(1);
            assertThat(created).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from jobs", Integer.class))
                    .isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private Job register(Instant at) {
        var ref = AlationJobRef.ofId(ids.incrementAndGet());
        return store.register(new NewJob("default", ref, JobKind.GENERIC, Map.of(), "test", null, at), "Registered")
                .job();
    }

    private static ClaimedJob only(List<ClaimedJob> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private static Outcome outcome(ClaimedJob claim, JobStatus status, String msg, Instant now) {
        Job job = claim.job();
        boolean done = status.isFinal();
        return new Outcome(
                job.id(),
                job.version(),
                job.leaseOwner(),
                status,
                status.wire(),
                null,
                msg,
                null,
                now,
                0,
                null,
                done ? null : now.plusSeconds(3),
                done ? now : null,
                List.of(new Outcome.LogLine(now, "INFO", status.wire(), msg, false)));
    }
}
