package io.github.alationgateway.polling;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/** Many registered jobs at once, written straight to the table: registering thousands through the API is slow. */
final class TestJobs {

    private TestJobs() {}

    /** Alation job ids unique within the JVM: test classes may share a database. */
    private static final AtomicLong alationIds = new AtomicLong();

    /** {@code count} pending jobs, due spread evenly over {@code spread} from {@code now}. */
    static List<String> insert(JdbcTemplate jdbc, int count, Instant now, Duration spread) {
        List<Object[]> rows = new ArrayList<>(count);
        List<String> ids = new ArrayList<>(count);
        // The database keeps microseconds and may round up: a job due 'now' must not land after now.
        Instant start = now.truncatedTo(ChronoUnit.MICROS);
        for (int i = 1; i <= count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            long alationId = alationIds.incrementAndGet();
            Instant due = start.plusMillis(spread.toMillis() * (i - 1) / count);
            rows.add(new Object[] {id, "id:" + alationId, alationId, Timestamp.from(start), Timestamp.from(due)});
        }
        jdbc.batchUpdate(
                "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at,"
                        + " next_poll_at, version) values (?, 'default', ?, ?, 'GENERIC', 'PENDING', ?, ?, 0)",
                rows);
        return ids;
    }
}
