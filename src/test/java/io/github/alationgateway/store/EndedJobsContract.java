package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EmptyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Jobs ended per hour, the one source of the dashboard's chart and of the stats' ended_per_hour: hours as the
 * window's clock sees them, final statuses only, and the stats' filters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class EndedJobsContract {

    private static final Instant NOW = Instant.parse("2026-05-08T10:40:00Z");
    private static final AtomicLong ids = new AtomicLong(90_000);

    @Autowired
    JobStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    DeleteJobs deleteJobs;

    @Autowired
    JobTallies tallies;

    @Autowired
    jakarta.persistence.EntityManager entities;

    EndedJobs ended;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
        ended = new EndedJobs(jdbcClient, Clock.fixed(NOW, ZoneOffset.UTC), new LabelledCounts(jdbcClient));
    }

    @Test
    void eachEndCountsInItsHourByFinalStatusAndEveryHourOfTheWindowIsThere() {
        // GIVEN jobs that ended in the current hour, three hours back, at the window's first instant, just before
        // it, and one still running
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.SUCCESSFUL, NOW.minusSeconds(60));
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.FAILED, NOW.minusSeconds(120));
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.PARTIALLY_SUCCESSFUL, at("07:59:59"));
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.EXPIRED, at("07:00:00"));
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.SUCCESSFUL, at("06:59:59"));
        register("prod", JobKind.TERM_PUT, Map.of());

        // WHEN the last four hours are counted
        List<EndedJobs.EndedHour> hours = ended.lastHours(all(), 4);

        // THEN 07:00 to 10:00, the current hour last, zeros where nothing ended
        assertThat(hours)
                .containsExactly(
                        new EndedJobs.EndedHour(at("07:00:00"), 0, 1, 0, 1),
                        new EndedJobs.EndedHour(at("08:00:00"), 0, 0, 0, 0),
                        new EndedJobs.EndedHour(at("09:00:00"), 0, 0, 0, 0),
                        new EndedJobs.EndedHour(at("10:00:00"), 1, 0, 1, 0));
        // AND seven days is the longest window, reaching back to the job just before the four hours
        List<EndedJobs.EndedHour> week = ended.lastHours(all(), EndedJobs.MAX_HOURS);
        assertThat(week).hasSize(168);
        assertThat(week.get(0).hour())
                .isEqualTo(at("10:00:00").minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        assertThat(week.stream().mapToLong(EndedJobs.EndedHour::successful).sum())
                .isEqualTo(2);
    }

    @Test
    void theStatsFiltersAndTheKeysInstancesSelectTheJobsCounted() {
        // GIVEN ends of two instances, two kinds and two pipelines, registered an hour apart
        end("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly"), JobStatus.FAILED, NOW.minusSeconds(60));
        end("prod", JobKind.DOCUMENT_POST, Map.of("pipeline", "nightly"), JobStatus.FAILED, NOW.minusSeconds(60));
        end("sandbox", JobKind.TERM_PUT, Map.of("pipeline", "adhoc"), JobStatus.FAILED, NOW.minusSeconds(60));

        // THEN each filter counts its own
        assertThat(failed(filter(null, null, Map.of(), null, null))).isEqualTo(3);
        assertThat(failed(filter("prod", null, Map.of(), null, null))).isEqualTo(2);
        assertThat(failed(filter(null, JobKind.TERM_PUT, Map.of(), null, null))).isEqualTo(2);
        assertThat(failed(filter(null, null, Map.of("pipeline", "nightly"), null, null)))
                .isEqualTo(2);
        assertThat(failed(filter(null, null, Map.of("pipeline", "nightly"), null, Set.of("sandbox"))))
                .isZero();
        assertThat(failed(filter(null, null, Map.of(), null, Set.of("sandbox"))))
                .isEqualTo(1);
        assertThat(failed(filter(null, null, Map.of(), null, Set.of()))).isZero();
        // registered at T, T+1h and T+2h (see end): after T+1h selects the last two
        assertThat(failed(filter(null, null, Map.of(), REGISTERED.plus(Duration.ofHours(1)), null)))
                .isEqualTo(2);
        assertThat(failed(new JobQuery(
                        null, null, null, null, null, Map.of(), null, REGISTERED.plusSeconds(1), null, 0, null)))
                .isEqualTo(1);
        // AND a label with a registration time, an instance or a second label keeps to both
        assertThat(failed(
                        filter(null, null, Map.of("pipeline", "nightly"), REGISTERED.plus(Duration.ofHours(1)), null)))
                .isEqualTo(1);
        assertThat(failed(new JobQuery(
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("pipeline", "nightly"),
                        null,
                        REGISTERED.plusSeconds(1),
                        null,
                        0,
                        null)))
                .isEqualTo(1);
        assertThat(failed(filter("sandbox", null, Map.of("pipeline", "nightly"), null, null)))
                .isZero();
        assertThat(failed(filter(null, JobKind.DOCUMENT_POST, Map.of("pipeline", "nightly"), null, null)))
                .isEqualTo(1);
    }

    @Test
    void aJobCountsOnlyWhenItHasEveryLabelAsked() {
        // GIVEN ends with one, the other and both of two labels
        end("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly"), JobStatus.FAILED, NOW.minusSeconds(60));
        end("prod", JobKind.TERM_PUT, Map.of("team", "data"), JobStatus.FAILED, NOW.minusSeconds(60));
        end(
                "prod",
                JobKind.TERM_PUT,
                Map.of("pipeline", "nightly", "team", "data"),
                JobStatus.FAILED,
                NOW.minusSeconds(60));

        // THEN both labels select the one job that has both, whichever drives
        Map<String, String> both = new java.util.LinkedHashMap<>();
        both.put("pipeline", "nightly");
        both.put("team", "data");
        assertThat(failed(filter(null, null, both, null, null))).isEqualTo(1);
        Map<String, String> reversed = new java.util.LinkedHashMap<>();
        reversed.put("team", "data");
        reversed.put("pipeline", "nightly");
        assertThat(failed(filter(null, null, reversed, null, null))).isEqualTo(1);
        assertThat(failed(filter(null, null, Map.of("team", "data"), null, null)))
                .isEqualTo(2);
    }

    @Test
    void theRollUpsAgreeWithACountOfTheJobsAfterEndsAndDeletes() {
        // GIVEN ends in three hours of two instances, one of them forgotten afterwards
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.SUCCESSFUL, at("08:10:00"));
        end("prod", JobKind.TERM_PUT, Map.of(), JobStatus.SUCCESSFUL, at("08:20:00"));
        String forgotten = end("sandbox", JobKind.DOCUMENT_POST, Map.of(), JobStatus.FAILED, at("09:05:00"));
        end("sandbox", JobKind.DOCUMENT_POST, Map.of(), JobStatus.EXPIRED, at("10:01:00"));
        String alone = end("sandbox", JobKind.TERM_PUT, Map.of(), JobStatus.FAILED, at("10:02:00"));
        assertThat(deleteJobs.deleteChain(forgotten)).isTrue();
        assertThat(deleteJobs.deleteChain(alone)).isTrue();

        // THEN the roll-ups (no label or time filter) count what a count of the jobs themselves counts (a
        // registration time long past sends the same question to the jobs)
        for (JobQuery rolledUp : List.of(all(), filter("sandbox", null, Map.of(), null, null))) {
            JobQuery fromJobs = new JobQuery(
                    null,
                    rolledUp.kind(),
                    rolledUp.instance(),
                    null,
                    null,
                    Map.of(),
                    Instant.EPOCH,
                    null,
                    null,
                    0,
                    null);
            assertThat(ended.lastHours(rolledUp, 6)).isEqualTo(ended.lastHours(fromJobs, 6));
        }
        assertThat(ended.lastHours(all(), 3))
                .containsExactly(
                        new EndedJobs.EndedHour(at("08:00:00"), 2, 0, 0, 0),
                        new EndedJobs.EndedHour(at("09:00:00"), 0, 0, 0, 0),
                        new EndedJobs.EndedHour(at("10:00:00"), 0, 0, 0, 1));
        // AND a roll-up whose jobs have all gone is not kept as a zero
        assertThat(jdbc.queryForObject("select count(*) from job_ended_hours where jobs = 0", Long.class))
                .isZero();
    }

    @Test
    void theStatsOfALabelWithATimeCountAndBucketTheirEndsInOnePassThatAgreesWithEachHalf() {
        // GIVEN jobs of a pipeline registered an hour apart (see register): two that ended in different hours, one
        // of them on another instance, one still pending, and one that carries a second label too
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JobStatistics statistics = new JobStatistics(tallies, entities, new LabelledCounts(jdbcClient), ended, clock);
        end("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly"), JobStatus.FAILED, at("07:30:00"));
        end("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly"), JobStatus.SUCCESSFUL, at("08:15:00"));
        end("sandbox", JobKind.DOCUMENT_POST, Map.of("pipeline", "nightly"), JobStatus.FAILED, at("09:45:00"));
        register("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly"));
        end("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly", "team", "data"), JobStatus.FAILED, at("10:05:00"));

        // WHEN the stats API asks for the pipeline since its second job's registration, over the last 3 hours
        Instant second = REGISTERED.plus(Duration.ofHours(1));
        JobStatistics.Report report =
                statistics.report(filter(null, null, Map.of("pipeline", "nightly"), second, null), 3);

        // THEN it counts the four jobs registered since, by status, kind and instance
        assertThat(report.counts().byStatus())
                .containsEntry("successful", 1L)
                .containsEntry("failed", 2L)
                .containsEntry("pending", 1L);
        assertThat(report.counts().byInstance()).containsExactly(Map.entry("prod", 3L), Map.entry("sandbox", 1L));
        assertThat(report.counts().byKind()).containsExactly(Map.entry("DOCUMENT_POST", 1L), Map.entry("TERM_PUT", 3L));
        // AND its ends in the hours they fell in: the 07:30 end is outside the window, the first job not selected
        assertThat(report.endedPerHour())
                .containsExactly(
                        new EndedJobs.EndedHour(at("08:00:00"), 1, 0, 0, 0),
                        new EndedJobs.EndedHour(at("09:00:00"), 0, 0, 1, 0),
                        new EndedJobs.EndedHour(at("10:00:00"), 0, 0, 1, 0));
        // AND every filter shape answers as the counts and the ended hours asked apart do
        Map<String, String> both = new java.util.LinkedHashMap<>();
        both.put("team", "data");
        both.put("pipeline", "nightly");
        for (JobQuery filter : List.of(
                filter(null, null, Map.of("pipeline", "nightly"), second, null),
                filter("prod", JobKind.TERM_PUT, Map.of("pipeline", "nightly"), REGISTERED, Set.of("prod")),
                filter(null, null, Map.of("pipeline", "nightly"), second, Set.of()),
                filter(null, null, both, null, null),
                filter(null, null, Map.of("pipeline", "nightly"), null, null),
                filter(null, null, Map.of(), second, null),
                all())) {
            assertThat(statistics.report(filter, 24))
                    .as("%s", filter)
                    .isEqualTo(new JobStatistics.Report(statistics.stats(filter), ended.lastHours(filter, 24)));
        }
    }

    private static final Instant REGISTERED = Instant.parse("2026-05-07T00:00:00Z");
    private int registered;

    private long failed(JobQuery filter) {
        return ended.lastHours(filter, 24).stream()
                .mapToLong(EndedJobs.EndedHour::failed)
                .sum();
    }

    private static JobQuery all() {
        return filter(null, null, Map.of(), null, null);
    }

    private static JobQuery filter(
            String instance, JobKind kind, Map<String, String> labels, Instant after, Set<String> visible) {
        return new JobQuery(null, kind, instance, null, null, labels, after, null, null, 0, visible);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-05-08T" + time + "Z");
    }

    private String register(String instance, JobKind kind, Map<String, String> labels) {
        Instant at = REGISTERED.plus(Duration.ofHours(registered++));
        return store.register(
                        new NewJob(instance, AlationJobRef.ofId(ids.incrementAndGet()), kind, labels, "test", null, at),
                        "registered")
                .job()
                .id();
    }

    /** Registers a job and ends it through the poller's own writes, which keep the roll-ups. */
    private String end(String instance, JobKind kind, Map<String, String> labels, JobStatus status, Instant at) {
        String id = register(instance, kind, labels);
        ClaimedJob claim = claims.claimDue("replica-a", NOW, NOW.plusSeconds(30), 100).stream()
                .filter(c -> c.job().id().equals(id))
                .findFirst()
                .orElseThrow();
        Job job = claim.job();
        assertThat(outcomes.record(List.of(new Outcome(
                        id,
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
                        null,
                        at,
                        List.of()))))
                .containsExactly(id);
        return id;
    }
}
