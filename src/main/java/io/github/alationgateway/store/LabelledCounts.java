package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stats of a filter with labels that no tallies keep (a registration time, or two labels): counts by status,
 * kind and instance, and the hour each job ended in when that falls in a window, in one pass over the first label's
 * rows in {@code ix_job_labels_value} and one primary-key probe of each of their jobs. Both halves of the stats
 * ({@link JobStatistics}, {@link EndedJobs}) count such filters here, so that "the last day of the nightly pipeline"
 * reads its jobs once: in two statements it read them twice, and the ended hours joined the label's rows to every
 * job ended in the window (552 + 552 rows against 552 + 10,941 at a million; bench/RESULTS.md).
 *
 * <p>The conditions are the list's ({@link LabelledJobs}, {@link JobSpecifications}), written for this statement:
 * the driving label and the registration times on the label's copy, instance, kind and the key's instances on the
 * job, other labels as EXISTS. Plain SQL: an hour bucket of an instant is an expression JPA has no portable word
 * for (see {@link EndedJobs}).
 */
@Repository
class LabelledCounts {

    /** Whole hours since the epoch, in the database from the time itself: no session time zone shifts a bucket. */
    static final String HOUR = "floor(extract(epoch from finished_at) / 3600)";

    private final JdbcClient jdbc;

    LabelledCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether a filter is counted here: it has labels, and no tallies keep it (see {@link JobTallies#answering}). The
     * one rule both halves of the stats follow.
     */
    static boolean answers(JobQuery filter) {
        return !filter.labels().isEmpty() && JobTallies.answering(filter) == JobTallies.Source.JOBS;
    }

    /**
     * Jobs of one status, kind and instance, and of one hour of ending within the window; {@code endedHour} is
     * null for those that did not end in it, or have not ended.
     */
    record Count(JobStatus status, String kind, String instance, Instant endedHour, long jobs) {}

    /**
     * Counts of the jobs {@code filter} (with at least one label) selects, split by the hour they ended in when that
     * is at or after {@code from} and before {@code until}. Of the filter, only what stats take is used.
     */
    List<Count> count(JobQuery filter, Instant from, Instant until) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" where l.label_key = :drivingKey and l.label_value = :drivingValue");
        Map.Entry<String, String> driving =
                filter.labels().entrySet().iterator().next();
        params.put("drivingKey", driving.getKey());
        params.put("drivingValue", driving.getValue());
        if (filter.instance() != null) {
            where.append(" and j.instance = :instance");
            params.put("instance", filter.instance());
        }
        if (filter.kind() != null) {
            where.append(" and j.kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.visibleInstances() != null) {
            where.append(" and j.instance in (:visible)");
            params.put("visible", new ArrayList<>(filter.visibleInstances()));
        }
        // On the label's copy, so that the label and the time are one range of its index, as in a list.
        if (filter.registeredAfter() != null) {
            where.append(" and l.registered_at >= :registeredAfter");
            params.put("registeredAfter", JobRows.timestamp(filter.registeredAfter()));
        }
        if (filter.registeredBefore() != null) {
            where.append(" and l.registered_at < :registeredBefore");
            params.put("registeredBefore", JobRows.timestamp(filter.registeredBefore()));
        }
        int n = 0;
        for (Map.Entry<String, String> label : filter.labels().entrySet()) {
            if (n++ == 0) continue; // the driving label
            where.append(" and exists (select 1 from job_labels o where o.job_id = j.id and o.label_key = :key")
                    .append(n)
                    .append(" and o.label_value = :value")
                    .append(n)
                    .append(')');
            params.put("key" + n, label.getKey());
            params.put("value" + n, label.getValue());
        }
        params.put("from", JobRows.timestamp(from));
        params.put("until", JobRows.timestamp(until));
        // Grouped outside: a CASE with parameters cannot be repeated in a GROUP BY (PostgreSQL sees other
        // parameters there), and H2 takes no column numbers in one.
        String sql = "select status, kind, instance, ended_hour, count(*) from (select j.status, j.kind, j.instance,"
                + " case when finished_at >= :from and finished_at < :until then " + HOUR + " end as ended_hour"
                + " from job_labels l join jobs j on j.id = l.job_id" + where
                + ") selected group by status, kind, instance, ended_hour";
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> {
                    long hour = rs.getLong(4);
                    Instant endedHour = rs.wasNull() ? null : Instant.ofEpochSecond(hour * 3600);
                    return new Count(
                            JobStatus.valueOf(rs.getString(1)),
                            rs.getString(2),
                            rs.getString(3),
                            endedHour,
                            rs.getLong(5));
                })
                .list();
    }
}
