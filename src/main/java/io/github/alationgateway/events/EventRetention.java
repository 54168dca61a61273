package io.github.alationgateway.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes events older than {@code gateway.events.retention}, oldest first and in chunks, so that no statement
 * holds many rows locked or grows the database's log in one go. Deliveries go first (their owners delete them
 * through {@link ExpiresWithEvents}), so an event is never gone while a delivery still points at it.
 */
@Component
class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    static final int CHUNK = 1_000;

    private final JdbcTemplate jdbc;
    /** Each chunk commits on its own, not by the pool's auto-commit, which may be off. */
    private final TransactionTemplate tx;

    private final EventProperties settings;
    private final Clock clock;
    private final ObjectProvider<ExpiresWithEvents> expiring;

    EventRetention(
            JdbcTemplate jdbc, EventProperties settings, Clock clock, ObjectProvider<ExpiresWithEvents> expiring) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new JdbcTransactionManager(jdbc.getDataSource()));
        this.settings = settings;
        this.clock = clock;
        this.expiring = expiring;
    }

    @Scheduled(initialDelayString = "1m", fixedDelayString = "${gateway.events.retention-check:5m}")
    void scheduled() {
        try {
            deleteExpired();
        } catch (DataAccessException e) {
            log.warn(
                    "Could not delete expired events, trying again later: {}",
                    e.getMostSpecificCause().getMessage());
        }
    }

    /** Deletes everything older than the retention; answers how many events went. */
    int deleteExpired() {
        Instant cutoff = clock.instant().minus(settings.retention());
        List<ExpiresWithEvents> others = expiring.orderedStream().toList();
        for (ExpiresWithEvents other : others) {
            while (other.deleteBefore(cutoff, CHUNK) == CHUNK) {
                // another chunk
            }
        }
        int total = 0;
        int deleted;
        do {
            deleted = tx.execute(status -> jdbc.update(
                    "delete from job_events where seq in (select seq from job_events where at < ? order by seq"
                            + " fetch first " + CHUNK + " rows only)",
                    cutoff.atOffset(ZoneOffset.UTC)));
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) log.info("Deleted {} events older than {}", total, settings.retention());
        return total;
    }
}
