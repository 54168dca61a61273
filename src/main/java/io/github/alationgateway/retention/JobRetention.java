package io.github.alationgateway.retention;

import io.github.alationgateway.store.DeleteJobs;
import io.github.alationgateway.system.BackgroundLoops;
import io.github.alationgateway.system.ReplicaIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes chains of jobs that ended longer ago than {@code gateway.retention.finished-after}, a chunk per
 * transaction, on one replica at a time: the one holding the {@code retention} row of {@code gateway_leases}. The
 * lease is a guarded update, like a job's claim (SQL: the guard is the point), renewed after every chunk.
 */
@Component
class JobRetention {

    private static final Logger log = LoggerFactory.getLogger(JobRetention.class);

    private final DeleteJobs deleteJobs;
    private final JdbcTemplate jdbc;
    /** The lease's statements commit on their own, not by the pool's auto-commit, which may be off. */
    private final TransactionTemplate tx;

    private final RetentionProperties settings;
    private final Clock clock;
    private final String replica;
    private final BackgroundLoops loops;
    private final Counter deleted;

    @Autowired
    JobRetention(
            DeleteJobs deleteJobs,
            JdbcTemplate jdbc,
            RetentionProperties settings,
            Clock clock,
            ReplicaIdentity replica,
            BackgroundLoops loops,
            MeterRegistry meters) {
        this(deleteJobs, jdbc, settings, clock, replica.name(), loops, meters);
    }

    /** As a replica of this name: tests run several in one process. */
    JobRetention(
            DeleteJobs deleteJobs,
            JdbcTemplate jdbc,
            RetentionProperties settings,
            Clock clock,
            String replica,
            BackgroundLoops loops,
            MeterRegistry meters) {
        this.deleteJobs = deleteJobs;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new JdbcTransactionManager(jdbc.getDataSource()));
        this.settings = settings;
        this.clock = clock;
        this.replica = replica;
        this.loops = loops;
        // Registered once per registry: a second replica in the same process (tests) shares the counter.
        this.deleted = Counter.builder("gateway.retention.deleted")
                .description("Finished chains of jobs deleted by retention")
                .register(meters);
    }

    @Scheduled(initialDelayString = "1m", fixedDelayString = "${gateway.retention.interval:1h}")
    void scheduled() {
        loops.guard("retention", this::run);
    }

    /** One run; answers how many chains it deleted, or -1 if another replica holds the lease. */
    int run() {
        if (settings.keepsEverything()) return 0;
        if (!lease()) {
            log.debug("Retention skipped: another replica is running it");
            return -1;
        }
        Instant started = clock.instant();
        Instant cutoff = started.minus(settings.finishedAfter());
        int total = 0;
        try {
            int chunk;
            do {
                chunk = deleteJobs.deleteChainsEndedBefore(cutoff, settings.chunk());
                total += chunk;
                deleted.increment(chunk);
            } while (chunk == settings.chunk() && lease());
        } finally {
            release();
        }
        log.info(
                "Retention deleted {} finished chains of jobs that ended before {} (kept: {}), in {} ms",
                total,
                cutoff,
                settings.finishedAfter(),
                Duration.between(started, clock.instant()).toMillis());
        return total;
    }

    /** Takes or renews the lease; false while another replica holds it. */
    private boolean lease() {
        Instant now = clock.instant();
        Integer taken = tx.execute(status -> jdbc.update(
                "update gateway_leases set owner = ?, locked_until = ? where name = 'retention'"
                        + " and (owner is null or owner = ? or locked_until < ?)",
                replica,
                at(now.plus(settings.lease())),
                replica,
                at(now)));
        return taken != null && taken > 0;
    }

    private void release() {
        tx.executeWithoutResult(status -> jdbc.update(
                "update gateway_leases set owner = null, locked_until = null where name = 'retention' and owner = ?",
                replica));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
