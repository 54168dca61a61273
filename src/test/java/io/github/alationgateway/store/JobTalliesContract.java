package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EmptyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stats and the gauge read maintained tallies, not the jobs: whatever registrations (new, repeated, racing)
 * and outcomes (moving, repeated, stale) do, they answer what a full count of the jobs table answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class JobTalliesContract {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final AtomicLong ids = new AtomicLong(70_000);

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

    @Autowired
    JobStatistics statistics;

    @Autowired
    JobTallies tallies;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
    }

    @Test
    void statsAndGaugeAgreeWithAFullCountAfterRegistrationsAndOutcomes() {
        // GIVEN jobs of two instances and three kinds, one of them handed over twice
        List<AlationJobRef> refs = new ArrayList<>();
        JobKind[] kinds = {JobKind.TERM_PUT, JobKind.DOCUMENT_POST, JobKind.DATAFLOW_POST};
        for (int i = 0; i < 30; i++) {
            AlationJobRef ref = AlationJobRef.ofId(ids.incrementAndGet());
            refs.add(ref);
            store.register(newJob(i % 3 == 0 ? "sandbox" : "prod", ref, kinds[i % 3]), "registered");
        }
        assertThat(store.register(newJob("sandbox", refs.get(0), kinds[0]), "again")
                        .created())
                .isFalse();

        // WHEN the poller moves them: some run, some end, one outcome is repeated and one is stale
        List<ClaimedJob> claimed = claims.claimDue("replica-a", T0, T0.plus(LEASE), 100);
        assertThat(claimed).hasSize(30);
        List<Outcome> first = new ArrayList<>();
        JobStatus[] next = {JobStatus.RUNNING, JobStatus.SUCCESSFUL, JobStatus.FAILED, JobStatus.PENDING};
        for (int i = 0; i < claimed.size(); i++) first.add(outcome(claimed.get(i), next[i % 4]));
        outcomes.record(first);
        assertThat(outcomes.record(first.subList(0, 4)))
                .as("stale: the versions moved on")
                .isEmpty();
        Instant later = T0.plusSeconds(60);
        List<ClaimedJob> again = claims.claimDue("replica-b", later, later.plus(LEASE), 100);
        outcomes.record(again.stream().map(c -> outcome(c, JobStatus.EXPIRED)).toList());

        // THEN stats, per instance too, and the gauge's counts equal a full count of the table
        assertThat(store.stats(null)).isEqualTo(fullCount(null));
        assertThat(store.stats(Set.of("sandbox"))).isEqualTo(fullCount("sandbox"));
        assertThat(store.stats(null).byStatus()).containsEntry("expired", (long) again.size());
        assertThat(gauge()).isEqualTo(fullGauge());
    }

    @Test
    void registrationsRacingOnTheSameNewTallyAreAllCounted() throws Exception {
        // GIVEN four threads registering distinct jobs of one instance and kind no tally has yet
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> racers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                racers.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.register(
                                newJob("racing", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_POST), "r");
                    }
                    return null;
                });
            }
            for (Future<Void> racer : threads.invokeAll(racers)) racer.get();
        } finally {
            threads.shutdownNow();
        }

        // THEN every one of them is counted once
        assertThat(store.stats(Set.of("racing")).byInstance()).containsExactly(Map.entry("racing", 100L));
        assertThat(store.stats(null)).isEqualTo(fullCount(null));
    }

    @Test
    void aRegistrationDoesNotWaitForAnOpenTransactionThatCountedTheSameKind() throws Exception {
        // GIVEN a transaction that has counted a job of instance "striped" and kind TERM_POST, still open
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Void> holding = new FutureTask<>(() -> {
            tx.executeWithoutResult(status -> {
                tallies.apply(new TallyChanges()
                        .count("held", "striped", JobKind.TERM_POST.name(), Map.of(), JobStatus.PENDING, 1));
                counted.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return null;
        });
        Thread holder = new Thread(holding);
        holder.start();
        assertThat(counted.await(10, TimeUnit.SECONDS)).isTrue();

        // WHEN another thread (one that writes another stripe) registers a job of the same instance and kind
        FutureTask<JobStore.Registration> registering = new FutureTask<>(() ->
                store.register(newJob("striped", AlationJobRef.ofId(ids.incrementAndGet()), JobKind.TERM_POST), "r"));
        Thread registrar = new Thread(registering);
        while (JobTallies.stripe(registrar) == JobTallies.stripe(holder)) registrar = new Thread(registering);
        registrar.start();

        // THEN it commits while the first transaction still holds its tally row (one row per tally: it waited)
        try {
            assertThat(registering.get(5, TimeUnit.SECONDS).created()).isTrue();
        } finally {
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
        }
        // AND both count, summed over their rows
        assertThat(store.stats(Set.of("striped")).byInstance()).containsExactly(Map.entry("striped", 2L));
        assertThat(jdbc.queryForObject(
                        "select count(*) from job_tallies where instance = 'striped' and jobs <> 0", Long.class))
                .isEqualTo(2L);
    }

    @Test
    void filteredStatsCountTheJobsTheFiltersSelect() {
        // GIVEN twelve jobs an hour apart: nightly and ad-hoc pipelines, two instances, two kinds
        for (int i = 0; i < 12; i++) {
            store.register(
                    new NewJob(
                            i % 3 == 0 ? "sandbox" : "prod",
                            AlationJobRef.ofId(ids.incrementAndGet()),
                            i % 2 == 0 ? JobKind.TERM_PUT : JobKind.DOCUMENT_POST,
                            Map.of("pipeline", i % 2 == 0 ? "nightly" : "adhoc"),
                            "test",
                            null,
                            T0.plusSeconds(3600L * i)),
                    "registered");
        }

        // WHEN counted for the nightly pipeline's last six hours (a label and a time: not what tallies keep)
        JobStats nightly =
                statistics.stats(filter(Map.of("pipeline", "nightly"), T0.plusSeconds(3600L * 6), null, null));

        // THEN only its jobs 6, 8 and 10 are counted
        assertThat(nightly.byInstance()).isEqualTo(Map.of("prod", 2L, "sandbox", 1L));
        assertThat(nightly.byKind()).isEqualTo(Map.of("TERM_PUT", 3L));
        assertThat(nightly.byStatus()).containsEntry("pending", 3L).containsEntry("successful", 0L);

        // AND a label alone, and with an instance, counts all of its jobs there
        assertThat(statistics
                        .stats(filter(Map.of("pipeline", "nightly"), null, null, null))
                        .byKind())
                .isEqualTo(Map.of("TERM_PUT", 6L));
        assertThat(statistics
                        .stats(filter(Map.of("pipeline", "adhoc"), null, "prod", null))
                        .byInstance())
                .isEqualTo(Map.of("prod", 4L));

        // AND instance and kind alone, read from the tallies, agree with the grouped count of the same jobs
        JobStats fromTallies = statistics.stats(filter(Map.of(), null, "sandbox", JobKind.TERM_PUT));
        JobStats counted = statistics.stats(filter(Map.of(), T0.minusSeconds(1), "sandbox", JobKind.TERM_PUT));
        assertThat(fromTallies.byInstance()).isEqualTo(Map.of("sandbox", 2L));
        assertThat(fromTallies).isEqualTo(counted);
        // AND a key limited to other instances counts nothing
        assertThat(statistics
                        .stats(new JobQuery(
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of("pipeline", "nightly"),
                                null,
                                null,
                                null,
                                0,
                                Set.of("elsewhere")))
                        .byInstance())
                .isEmpty();
    }

    private static JobQuery filter(Map<String, String> labels, Instant after, String instance, JobKind kind) {
        return new JobQuery(null, kind, instance, null, null, labels, after, null, null, 0, null);
    }

    private JobStats fullCount(String instance) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byInstance = new TreeMap<>();
        for (JobStatus status : JobStatus.values()) byStatus.put(status.wire(), 0L);
        jdbc.query(
                "select status, kind, instance, count(*) from jobs where cast(? as varchar(100)) is null or instance = ?"
                        + " group by status, kind, instance",
                rs -> {
                    byStatus.merge(JobStatus.valueOf(rs.getString(1)).wire(), rs.getLong(4), Long::sum);
                    byKind.merge(rs.getString(2), rs.getLong(4), Long::sum);
                    byInstance.merge(rs.getString(3), rs.getLong(4), Long::sum);
                },
                instance,
                instance);
        return new JobStats(byStatus, byKind, byInstance);
    }

    private Map<String, Long> gauge() {
        Map<String, Long> counts = new TreeMap<>();
        store.countByStatusAndInstance().forEach(c -> counts.put(c.instance() + "/" + c.status(), c.count()));
        return counts;
    }

    private Map<String, Long> fullGauge() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select instance, status, count(*) from jobs group by instance, status", rs -> {
            counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
        });
        return counts;
    }

    private static NewJob newJob(String instance, AlationJobRef ref, JobKind kind) {
        return new NewJob(instance, ref, kind, Map.of(), "test", null, T0);
    }

    private static Outcome outcome(ClaimedJob claim, JobStatus status) {
        Job job = claim.job();
        Instant now = claim.dueAt().plusSeconds(1);
        boolean done = status.isFinal();
        return new Outcome(
                job.id(),
                job.version(),
                job.leaseOwner(),
                status,
                status.wire(),
                null,
                "polled",
                null,
                now,
                0,
                null,
                done ? null : T0.plusSeconds(30),
                done ? now : null,
                List.of());
    }
}
