package io.github.alationgateway.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The local clock, moved by the offset to the database's clock. Leases and due times are compared by the
 * database across replicas, so every replica must read time the way the database does: skewed machine clocks
 * then do not matter. The offset is sampled now and then, off the hot path.
 */
public class DatabaseClock extends Clock {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    private static final Duration WARN_SKEW = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final String nowQuery;
    private final AtomicLong offsetMicros = new AtomicLong();

    public DatabaseClock(JdbcTemplate jdbc, String nowQuery) {
        this.jdbc = jdbc;
        this.nowQuery = nowQuery;
    }

    /** Measures the offset again; a failure keeps the last one (the database may be briefly away) and is thrown. */
    public void synchronise() {
        long before = micros(Instant.now());
        OffsetDateTime database = jdbc.queryForObject(nowQuery, OffsetDateTime.class);
        long after = micros(Instant.now());
        long offset = micros(database.toInstant()) - (before + after) / 2;
        long previous = offsetMicros.getAndSet(offset);
        if (Math.abs(offset) > WARN_SKEW.toNanos() / 1000 && Math.abs(offset - previous) > 1_000_000) {
            log.warn(
                    "This machine's clock is {} ms away from the database's; using the database's time", offset / 1000);
        }
    }

    Duration offset() {
        return Duration.ofNanos(offsetMicros.get() * 1000);
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offsetMicros.get() * 1000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }
}
