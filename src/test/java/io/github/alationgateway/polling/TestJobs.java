package io.github.alationgateway.polling;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Many registered jobs at once, written straight to the table: registering thousands through the API is slow. */
final class TestJobs {

    private TestJobs() {}

    /** {@code count} pending jobs with Alation ids 1..count, due spread evenly over {@code spread} from {@code now}. */
    static List<String> insert(JdbcTemplate jdbc, int count, Instant now, Duration spread) {
        List<Object[]> rows = new ArrayList<>(count);
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            Instant due = now.plusMillis(spread.toMillis() * (i - 1) / count);
            rows.add(new Object[] {id, "id:" + i, (long) i, Timestamp.from(now), Timestamp.from(due)});
        }
        jdbc.batchUpdate(
                "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at,"
                        + " next_poll_at, version) values (?, 'default', ?, ?, 'GENERIC', 'PENDING', ?, ?, 0)",
                rows);
        return ids;
    }
}
