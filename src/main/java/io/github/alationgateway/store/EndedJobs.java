package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs that ended, counted per hour and final status, for the dashboard's chart. Hours are whole hours since the
 * epoch, computed in the database from the time itself, so no session time zone can shift a bucket.
 */
@Repository
public class EndedJobs {

    private static final String HOUR = "floor(extract(epoch from finished_at) / 3600)";

    private final JdbcClient jdbc;

    EndedJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Jobs that ended in the hour starting at {@code hour}, in one final status. */
    public record HourCount(Instant hour, JobStatus status, long count) {}

    /** Ended at or after {@code since}, on the visible instances (null: all); hours without jobs are left out. */
    public List<HourCount> perHour(Instant since, Set<String> visibleInstances) {
        if (visibleInstances != null && visibleInstances.isEmpty()) return List.of();
        String sql = "select " + HOUR + ", status, count(*) from jobs where finished_at >= :since"
                + (visibleInstances == null ? "" : " and instance in (:visible)")
                + " group by " + HOUR + ", status";
        var statement = jdbc.sql(sql).param("since", JobRows.timestamp(since));
        if (visibleInstances != null) statement = statement.param("visible", new ArrayList<>(visibleInstances));
        return statement
                .query((rs, n) -> new HourCount(
                        Instant.ofEpochSecond(rs.getLong(1) * 3600), JobStatus.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }
}
