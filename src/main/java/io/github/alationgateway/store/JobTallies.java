package io.github.alationgateway.store;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * How many jobs each (instance, kind, status) has, kept in {@code job_tallies} by every write that adds, moves or
 * deletes a job, in that write's own transaction: the stats and the gauge read a few dozen rows instead of
 * grouping a million jobs. Hand-written SQL: an atomic increment is an upsert, which JPA has no word for.
 *
 * <p>Rows are changed in key order, always, so two transactions that touch the same tallies wait for each other
 * rather than deadlock. A tally that falls to zero stays as a zero row; readers leave zeros out.
 */
final class JobTallies {

    /** One tally's key. Kind and status are stored as their names, as in {@code jobs}. */
    record Key(String instance, String kind, String status) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::instance).thenComparing(Key::kind).thenComparing(Key::status);

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    private JobTallies(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    static JobTallies forDatabase(JdbcTemplate jdbc) {
        try {
            String product =
                    JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName);
            return new JobTallies(jdbc, "PostgreSQL".equalsIgnoreCase(product));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database holds the jobs", e);
        }
    }

    /** An empty set of changes, to fill and then {@link #apply}. */
    static Map<Key, Long> changes() {
        return new TreeMap<>(ORDER);
    }

    static void add(Map<Key, Long> changes, String instance, String kind, JobStatus status, long delta) {
        changes.merge(new Key(instance, kind, status.name()), delta, Long::sum);
    }

    /** Applies the changes in the current transaction, in key order. */
    void apply(Map<Key, Long> changes) {
        List<Object[]> args = new ArrayList<>(changes.size());
        List<Key> keys = new ArrayList<>(changes.size());
        changes.forEach((key, delta) -> {
            if (delta == 0) return;
            keys.add(key);
            args.add(new Object[] {key.instance(), key.kind(), key.status(), delta});
        });
        if (args.isEmpty()) return;
        if (postgres) {
            jdbc.batchUpdate(
                    "insert into job_tallies (instance, kind, status, jobs) values (?, ?, ?, ?)"
                            + " on conflict (instance, kind, status) do update set jobs = job_tallies.jobs + excluded.jobs",
                    args);
            return;
        }
        // H2 has no upsert that adds. It also keeps a transaction usable after a failed statement, so a key that
        // another transaction inserted first is caught here and added to instead.
        int[] updated = jdbc.batchUpdate(
                "update job_tallies set jobs = jobs + ? where instance = ? and kind = ? and status = ?",
                args.stream().map(a -> new Object[] {a[3], a[0], a[1], a[2]}).toList());
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 0) continue;
            Object[] a = args.get(i);
            try {
                jdbc.update("insert into job_tallies (instance, kind, status, jobs) values (?, ?, ?, ?)", a);
            } catch (DuplicateKeyException raced) {
                jdbc.update(
                        "update job_tallies set jobs = jobs + ? where instance = ? and kind = ? and status = ?",
                        a[3],
                        a[0],
                        a[1],
                        a[2]);
            }
        }
    }

    /** Every tally above zero, of all instances or (non-null) only of these. */
    List<Tally> read(Collection<String> instances) {
        String sql = "select instance, kind, status, jobs from job_tallies where jobs <> 0";
        Object[] args = new Object[0];
        if (instances != null) {
            sql += " and instance in (" + String.join(",", Collections.nCopies(instances.size(), "?")) + ")";
            args = instances.toArray();
        }
        return jdbc.query(
                sql,
                (rs, n) ->
                        new Tally(rs.getString(1), rs.getString(2), JobStatus.valueOf(rs.getString(3)), rs.getLong(4)),
                args);
    }

    record Tally(String instance, String kind, JobStatus status, long jobs) {}
}
