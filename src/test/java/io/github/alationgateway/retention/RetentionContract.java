package io.github.alationgateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.DeleteJobs;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.NewJob;
import io.github.alationgateway.store.Outcome;
import io.github.alationgateway.store.Outcomes;
import io.github.alationgateway.support.EmptyStore;
import io.github.alationgateway.system.BackgroundLoops;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention as it promises: chains go whole and only once all of them ended long enough ago, in chunks, counted,
 * with their labels and logs, tallies lowered; one replica at a time. Times come from a fixed {@link Clock}
 * handed to each replica's retention, so nothing waits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
abstract class RetentionContract {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration KEEP = Duration.ofDays(30);
    private static final AtomicLong ids = new AtomicLong(300_000);

    @Autowired
    JobStore store;

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    DeleteJobs deleteJobs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    BackgroundLoops loops;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void emptyStore() {
        EmptyStore.empty(tx, jdbc);
        tx.executeWithoutResult(status -> jdbc.update("update gateway_leases set owner = null, locked_until = null"));
    }

    @Test
    void aChainGoesWholeOnlyOnceAllOfItEndedLongEnoughAgo() {
        // GIVEN chains and jobs around the cutoff (30 days before NOW)
        Job oldChain = ended(null, days(40));
        Job oldFollowUp = ended(oldChain.id(), days(35));
        Job waitsForFollowUp = ended(null, days(40));
        Job runningFollowUp = registered(waitsForFollowUp.id(), days(39));
        Job waitsForRecent = ended(null, days(40));
        Job recentFollowUp = ended(waitsForRecent.id(), days(10));
        Job recent = ended(null, days(29));
        Job unfinished = registered(null, days(60));

        // WHEN retention runs
        int deleted = retention("replica-a", 1000).run();

        // THEN only the chain that ended wholly before the cutoff went, with its labels and logs
        assertThat(deleted).isEqualTo(1);
        assertThat(store.findAllById(List.of(oldChain.id(), oldFollowUp.id()))).isEmpty();
        assertThat(store
                        .findAllById(List.of(
                                waitsForFollowUp.id(),
                                runningFollowUp.id(),
                                waitsForRecent.id(),
                                recentFollowUp.id(),
                                recent.id(),
                                unfinished.id()))
                        .stream()
                        .map(Job::id))
                .hasSize(6);
        assertThat(jdbc.queryForObject(
                        "select count(*) from job_labels where job_id in (?, ?)",
                        Integer.class,
                        oldChain.id(),
                        oldFollowUp.id()))
                .isZero();
        assertThat(store.logs(oldChain.id())).isEmpty();
        assertThat(store.stats(null).byStatus()).containsEntry("successful", 4L).containsEntry("pending", 2L);
    }

    @Test
    void runsInChunksAndCountsWhatItDeleted() {
        // GIVEN 25 old chains
        for (int i = 0; i < 25; i++) ended(null, days(40 + i));
        double before = counter();

        // THEN one chunk takes at most its size, oldest first, and a run takes all in chunks
        assertThat(deleteJobs.deleteChainsEndedBefore(NOW.minus(KEEP), 10)).isEqualTo(10);
        assertThat(retention("replica-a", 10).run()).isEqualTo(15);
        assertThat(jdbc.queryForObject("select count(*) from jobs", Integer.class))
                .isZero();
        assertThat(counter() - before).isEqualTo(15.0);
        assertThat(store.stats(null).byStatus().values()).allMatch(count -> count == 0);
    }

    @Test
    void oneReplicaAtATimeAndALapsedLeaseIsTakenOver() {
        // GIVEN replica B holds the lease until NOW + 5 minutes
        ended(null, days(40));
        tx.executeWithoutResult(status -> jdbc.update(
                "update gateway_leases set owner = 'replica-b', locked_until = ? where name = 'retention'",
                NOW.plusSeconds(300).atOffset(ZoneOffset.UTC)));

        // THEN replica A leaves it alone until the lease has lapsed, and then takes it over
        assertThat(retention("replica-a", 1000).run()).isEqualTo(-1);
        assertThat(jdbc.queryForObject("select count(*) from jobs", Integer.class))
                .isEqualTo(1);
        assertThat(retentionAt("replica-a", NOW.plusSeconds(301)).run()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select owner from gateway_leases where name = 'retention'", String.class))
                .isNull();
    }

    @Test
    void zeroKeepsEverything() {
        ended(null, days(400));
        var keepAll = new RetentionProperties(Duration.ZERO, Duration.ofHours(1), 1000, Duration.ofMinutes(10));
        JobRetention retention = new JobRetention(
                deleteJobs, jdbc, keepAll, Clock.fixed(NOW, ZoneOffset.UTC), "replica-a", loops, meters);
        assertThat(retention.run()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from jobs", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aJobForgottenWhileUnderPollTakesNoOutcomeAndItsChainGoesWithIt() {
        // GIVEN a job with a follow-up, claimed by a poller
        Job job = registered(null, days(1));
        Job followUp = registered(job.id(), days(1));
        ClaimedJob claim = claims.claimDue("poller", days(1), days(1).plusSeconds(30), 1000).stream()
                .filter(c -> c.job().id().equals(job.id()))
                .findFirst()
                .orElseThrow();

        // WHEN it is forgotten, and then the poller records what it saw
        assertThat(deleteJobs.deleteChain(job.id())).isTrue();
        List<String> written = outcomes.record(List.of(new Outcome(
                job.id(),
                claim.job().version(),
                "poller",
                JobStatus.SUCCESSFUL,
                "successful",
                null,
                "late",
                null,
                days(1),
                0,
                null,
                null,
                days(1),
                List.of(new Outcome.LogLine(days(1), "INFO", "successful", "late", false)))));

        // THEN nothing lands: no job, no follow-up, no log line, and the tallies count nothing
        assertThat(written).isEmpty();
        assertThat(store.findAllById(List.of(job.id(), followUp.id()))).isEmpty();
        assertThat(store.logs(job.id())).isEmpty();
        assertThat(store.stats(null).byStatus().values()).allMatch(count -> count == 0);
        assertThat(deleteJobs.deleteChain(job.id())).isFalse();
    }

    private JobRetention retention(String replica, int chunk) {
        return retention(replica, NOW, chunk);
    }

    private JobRetention retentionAt(String replica, Instant now) {
        return retention(replica, now, 1000);
    }

    private JobRetention retention(String replica, Instant now, int chunk) {
        var settings = new RetentionProperties(KEEP, Duration.ofHours(1), chunk, Duration.ofMinutes(10));
        return new JobRetention(deleteJobs, jdbc, settings, Clock.fixed(now, ZoneOffset.UTC), replica, loops, meters);
    }

    private double counter() {
        return meters.get("gateway.retention.deleted").counter().count();
    }

    private static Instant days(int ago) {
        return NOW.minus(Duration.ofDays(ago));
    }

    private Job registered(String parentId, Instant at) {
        return store.register(
                        new NewJob(
                                "prod",
                                AlationJobRef.ofId(ids.incrementAndGet()),
                                JobKind.TERM_PUT,
                                Map.of("pipeline", "p1"),
                                "test",
                                parentId,
                                at),
                        "registered")
                .job();
    }

    /** A job registered and seen to succeed at {@code at}, through the poller's own claim and outcome. */
    private Job ended(String parentId, Instant at) {
        Job job = registered(parentId, at);
        ClaimedJob claim = claims.claimDue("test", at, at.plusSeconds(30), 1000).stream()
                .filter(c -> c.job().id().equals(job.id()))
                .findFirst()
                .orElseThrow();
        assertThat(outcomes.record(List.of(new Outcome(
                        job.id(),
                        claim.job().version(),
                        "test",
                        JobStatus.SUCCESSFUL,
                        "successful",
                        null,
                        "done",
                        null,
                        at,
                        0,
                        null,
                        null,
                        at,
                        List.of(new Outcome.LogLine(at, "INFO", "successful", "done", false))))))
                .containsExactly(job.id());
        return job;
    }
}
