package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EmptyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stats of one label read its tallies ({@code job_label_tallies}, {@code job_label_ended_hours}), not its jobs:
 * whatever registrations (single, batch, repeated), outcomes (moving, ending, stale) and deletes (forget, retention)
 * do, the tallies hold what a count of the jobs and their labels holds, no row is left at zero, and the stats for
 * one label answer what the same question counted from the jobs answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class LabelTalliesContract {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(2));
    private static final AtomicLong ids = new AtomicLong(120_000);

    @Autowired
    JobStore store;

    @Autowired
    RegisterBatch batch;

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    DeleteJobs deleteJobs;

    @Autowired
    JobStatistics statistics;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
    }

    @Test
    void labelTalliesEqualACountOfTheJobsThroughRegistrationsOutcomesAndDeletes() {
        // GIVEN single registrations and a batch: two pipelines, a run id per job, some jobs without labels, and a
        // batch that repeats a single registration and one of its own items
        List<String> registered = new ArrayList<>();
        List<NewJob> singles = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            singles.add(job(i));
            registered.add(store.register(singles.get(i), "registered").job().id());
        }
        List<RegisterBatch.Item> items = new ArrayList<>();
        for (int i = 24; i < 64; i++) items.add(new RegisterBatch.Item(job(i), "registered", null));
        items.add(new RegisterBatch.Item(items.get(0).job(), "again", null));
        items.add(new RegisterBatch.Item(singles.get(5), "again", null));
        assertThat(batch.register(items).stream().filter(JobStore.Registration::created))
                .hasSize(40);
        assertThat(talliesByLabel()).isEqualTo(countedByLabel());

        // WHEN the poller moves them: some run, some end in three statuses, some stay; an outcome is repeated
        List<ClaimedJob> claimed = claims.claimDue("replica-a", NOW, NOW.plusSeconds(30), 200);
        assertThat(claimed).hasSize(64);
        JobStatus[] next = {JobStatus.RUNNING, JobStatus.SUCCESSFUL, JobStatus.FAILED, JobStatus.PENDING};
        List<Outcome> first = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            first.add(outcome(claimed.get(i), next[i % 4], NOW.minus(Duration.ofHours(i % 3))));
        }
        // (on threads of other stripes than the registrations': the poller and retention run on threads of their own)
        onAnotherStripe(() -> outcomes.record(first));
        assertThat(outcomes.record(first.subList(0, 8))).as("stale").isEmpty();
        Instant later = NOW.plusSeconds(60);
        List<ClaimedJob> again = claims.claimDue("replica-b", later, later.plusSeconds(30), 200);
        List<Outcome> second = new ArrayList<>();
        for (int i = 0; i < again.size(); i++) {
            second.add(outcome(again.get(i), i % 2 == 0 ? JobStatus.EXPIRED : JobStatus.RUNNING, later));
        }
        onAnotherStripe(() -> outcomes.record(second));
        assertThat(talliesByLabel()).isEqualTo(countedByLabel());
        assertThat(endedByLabel()).isEqualTo(countedEndedByLabel()).isNotEmpty();

        // AND a job is forgotten, and retention deletes every chain that ended before a cutoff
        String forgotten = registered.get(1);
        assertThat(deleteJobs.deleteChain(forgotten)).isTrue();
        Instant cutoff = NOW.minus(Duration.ofMinutes(30));
        onAnotherStripe(() -> {
            while (deleteJobs.deleteChainsEndedBefore(cutoff, 7) == 7) {}
            return null;
        });

        // THEN the tallies still equal the count, and no row is kept at zero
        assertThat(jdbc.queryForObject(
                        "select count(*) from jobs where finished_at < ?", Long.class, JobRows.timestamp(cutoff)))
                .isZero();
        assertThat(talliesByLabel()).isEqualTo(countedByLabel());
        assertThat(endedByLabel()).isEqualTo(countedEndedByLabel()).isNotEmpty();
        assertThat(jdbc.queryForObject("select count(*) from job_label_tallies where jobs = 0", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from job_label_ended_hours where jobs = 0", Long.class))
                .isZero();
        // AND a run id per job leaves one row per live job: the gone jobs' rows went with them
        assertThat(jdbc.queryForObject("select count(*) from job_label_tallies where label_key = 'run'", Long.class))
                .isEqualTo(jdbc.queryForObject("select count(*) from job_labels where label_key = 'run'", Long.class));
    }

    @Test
    void statsForOneLabelAnswerWhatACountOfItsJobsAnswers() {
        // GIVEN jobs of both pipelines on two instances, in three kinds, ended or not
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 30; i++)
            registered.add(store.register(job(i), "registered").job().id());
        List<ClaimedJob> claimed = claims.claimDue("replica-a", NOW, NOW.plusSeconds(30), 100);
        JobStatus[] next = {JobStatus.SUCCESSFUL, JobStatus.FAILED, JobStatus.RUNNING, JobStatus.EXPIRED};
        List<Outcome> written = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            written.add(outcome(claimed.get(i), next[i % 4], NOW.minus(Duration.ofHours(i % 5))));
        }
        outcomes.record(written);
        assertThat(deleteJobs.deleteChain(registered.get(0))).isTrue();
        EndedJobs ended = new EndedJobs(jdbcClient, Clock.fixed(NOW, ZoneOffset.UTC), new LabelledCounts(jdbcClient));

        // THEN for one label, alone or with an instance, a kind or the key's instances, the tallies answer what the
        // jobs answer (a registration time before every job sends the same question to the jobs)
        List<JobQuery> questions = List.of(
                filter(Map.of("pipeline", "nightly"), null, null, null),
                filter(Map.of("pipeline", "adhoc"), "sandbox", null, null),
                filter(Map.of("pipeline", "nightly"), null, JobKind.TERM_PUT, null),
                filter(Map.of("pipeline", "adhoc"), null, null, Set.of("prod")),
                filter(Map.of("pipeline", "nightly"), null, null, Set.of("elsewhere")),
                filter(Map.of("run", "r7"), null, null, null),
                filter(Map.of("pipeline", "none"), null, null, null));
        for (JobQuery question : questions) {
            assertThat(JobTallies.answering(question)).isEqualTo(JobTallies.Source.LABEL_TALLIES);
            JobQuery fromJobs = fromTheJobs(question);
            assertThat(JobTallies.answering(fromJobs)).isEqualTo(JobTallies.Source.JOBS);
            assertThat(statistics.stats(question)).as("%s", question).isEqualTo(statistics.stats(fromJobs));
            assertThat(ended.lastHours(question, 24)).as("%s", question).isEqualTo(ended.lastHours(fromJobs, 24));
        }
        assertThat(
                        statistics
                                .stats(filter(Map.of("pipeline", "nightly"), null, null, null))
                                .byInstance()
                                .values()
                                .stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(11);

        // AND the answer is the tallies': without them, one label counts nothing
        EmptyStore.empty(tx, jdbc);
        store.register(job(0), "registered");
        tx.executeWithoutResult(s -> jdbc.update("delete from job_label_tallies"));
        assertThat(statistics
                        .stats(filter(Map.of("pipeline", "nightly"), null, null, null))
                        .byInstance())
                .isEmpty();
    }

    /** Runs {@code work} on a new thread whose stripe of {@code job_tallies} is not the calling thread's. */
    private static <T> T onAnotherStripe(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task);
        while (JobTallies.stripe(thread) == JobTallies.stripe(Thread.currentThread())) thread = new Thread(task);
        thread.start();
        try {
            return task.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Job i: instance, kind and pipeline by i, a run id of its own; every fifth without labels. */
    private static NewJob job(int i) {
        return new NewJob(
                i % 3 == 0 ? "sandbox" : "prod",
                AlationJobRef.ofId(ids.incrementAndGet()),
                i % 2 == 0 ? JobKind.TERM_PUT : JobKind.DOCUMENT_POST,
                labels(i),
                "test",
                null,
                T0.plusSeconds(i));
    }

    private static Map<String, String> labels(int i) {
        if (i % 5 == 4) return Map.of();
        return Map.of("pipeline", i % 2 == 0 ? "nightly" : "adhoc", "run", "r" + i);
    }

    private static JobQuery filter(Map<String, String> labels, String instance, JobKind kind, Set<String> visible) {
        return new JobQuery(null, kind, instance, null, null, labels, null, null, null, 0, visible);
    }

    private static JobQuery fromTheJobs(JobQuery q) {
        return new JobQuery(
                null,
                q.kind(),
                q.instance(),
                null,
                null,
                q.labels(),
                Instant.EPOCH,
                null,
                null,
                0,
                q.visibleInstances());
    }

    private Map<String, Long> talliesByLabel() {
        Map<String, Long> kept = new TreeMap<>();
        jdbc.query(
                "select label_key, label_value, instance, kind, status, sum(jobs) from job_label_tallies"
                        + " group by label_key, label_value, instance, kind, status having sum(jobs) <> 0",
                rs -> {
                    kept.put(
                            key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                            rs.getLong(6));
                });
        return kept;
    }

    private Map<String, Long> countedByLabel() {
        Map<String, Long> counted = new TreeMap<>();
        jdbc.query(
                "select l.label_key, l.label_value, j.instance, j.kind, j.status, count(*) from job_labels l"
                        + " join jobs j on j.id = l.job_id group by l.label_key, l.label_value, j.instance, j.kind,"
                        + " j.status",
                rs -> {
                    counted.put(
                            key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                            rs.getLong(6));
                });
        return counted;
    }

    private Map<String, Long> endedByLabel() {
        Map<String, Long> kept = new TreeMap<>();
        jdbc.query(
                "select label_key, label_value, ended_hour, instance, kind, status, jobs from job_label_ended_hours",
                rs -> {
                    kept.put(
                            key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))
                                    + "/" + rs.getString(6),
                            rs.getLong(7));
                });
        return kept;
    }

    private Map<String, Long> countedEndedByLabel() {
        Map<String, Long> counted = new TreeMap<>();
        jdbc.query(
                "select l.label_key, l.label_value, j.finished_at, j.instance, j.kind, j.status from job_labels l"
                        + " join jobs j on j.id = l.job_id where j.finished_at is not null"
                        + " and j.status in ('SUCCESSFUL', 'PARTIALLY_SUCCESSFUL', 'FAILED', 'EXPIRED')",
                rs -> {
                    long hour = Math.floorDiv(JobRows.instant(rs, "finished_at").getEpochSecond(), 3600);
                    counted.merge(
                            key(rs.getString(1), rs.getString(2), Long.toString(hour), rs.getString(4), rs.getString(5))
                                    + "/" + rs.getString(6),
                            1L,
                            Long::sum);
                });
        return counted;
    }

    private static String key(String... parts) {
        return String.join("/", parts);
    }

    private static Outcome outcome(ClaimedJob claim, JobStatus status, Instant at) {
        Job job = claim.job();
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
                at,
                0,
                null,
                done ? null : at.plusSeconds(30),
                done ? at : null,
                List.of());
    }
}
