package io.github.alationgateway.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many jobs each (instance, kind, status) has, kept in {@code job_tallies} by every write that adds, moves or
 * deletes a job, in that write's own transaction: the stats and the gauge read a few dozen rows instead of
 * grouping a million jobs. Hand-written SQL: an atomic increment is an upsert, which JPA has no word for.
 *
 * <p>The same writes keep {@code job_ended_hours}, jobs ended per hour, instance, kind and final status, for
 * {@link EndedJobs}: an end counts in the hour of its {@code finished_at}, a deleted job is taken out of it. And
 * both again per label ({@code job_label_tallies}, {@code job_label_ended_hours}, V8_8), so that the stats of one
 * label read its rows rather than its jobs ({@link #answering} says which filters they answer).
 *
 * <p>Each tally is kept in up to {@link #STRIPES} rows (stripes), summed on read: a writer adds to the stripe of its
 * thread. With one row per tally, every registration of one instance and kind held that row's lock until its
 * commit had reached the disk, so registrations ran one commit at a time (~300/s at ~3 ms a WAL flush); on rows of
 * their own, concurrent commits share flushes. A stripe may go below zero (a job counted in one stripe and moved
 * on in another); only the sum means anything. Label tallies are striped by job instead
 * ({@link TallyChanges#labelStripe}): a job's changes meet in one row, which goes when it falls to zero.
 *
 * <p>Rows are changed table by table in one global order, {@code job_ended_hours}, {@code job_label_ended_hours},
 * {@code job_tallies}, {@code job_label_tallies}, and within a table in key order (a transaction's
 * {@code job_tallies} rows all in its thread's stripe), so two transactions that touch the same rows wait for each
 * other rather than deadlock. A tally of {@code job_tallies} that falls to zero stays as zero rows, bounded by
 * instances, kinds and statuses times stripes; readers leave zeros out. Rows of the other three that fall to zero
 * are deleted: they would pile up per hour of history, or per label value.
 */
final class JobTallies {

    /**
     * Rows per tally: more than the connection pool's default of 10, so that writers at once rarely share a row,
     * and few enough that the read sums a few hundred rows at most.
     */
    static final int STRIPES = 16;

    private static final List<String> TALLY = List.of("instance", "kind", "status", "stripe");
    private static final List<String> ENDED = List.of("ended_hour", "instance", "kind", "status");
    private static final List<String> LABEL_TALLY =
            List.of("label_key", "label_value", "instance", "kind", "status", "stripe");
    private static final List<String> LABEL_ENDED =
            List.of("label_key", "label_value", "ended_hour", "instance", "kind", "status");

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    JobTallies(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /** Which kept rows answer the counts of a filter: the stats' one decision, for counts and ended hours alike. */
    enum Source {
        /** {@code job_tallies} and {@code job_ended_hours}: instance, kind and the key's instances at most. */
        TALLIES,
        /** The label tallies: exactly one label, with instance, kind and the key's instances at most. */
        LABEL_TALLIES,
        /** Nothing kept: registration times, two labels or more, or a filter stats do not take. */
        JOBS
    }

    static Source answering(JobQuery filter) {
        if (filter.registeredAfter() != null
                || filter.registeredBefore() != null
                || filter.alationJobId() != null
                || filter.alationJobName() != null
                || filter.alationTaskId() != null
                || filter.status() != null) {
            return Source.JOBS;
        }
        return switch (filter.labels().size()) {
            case 0 -> Source.TALLIES;
            case 1 -> Source.LABEL_TALLIES;
            default -> Source.JOBS;
        };
    }

    /**
     * Applies the changes in the current transaction, in the global order of the class comment; the calling
     * thread's stripe for {@code job_tallies}. Callers apply last, after their other writes: other transactions
     * wait for these rows' locks, so they are held briefly.
     */
    void apply(TallyChanges changes) {
        short stripe = stripe(Thread.currentThread());
        change(
                "job_ended_hours",
                ENDED,
                changes.ended,
                k -> new Object[] {k.hour(), k.instance(), k.kind(), k.status()},
                true);
        change(
                "job_label_ended_hours",
                LABEL_ENDED,
                changes.labelEnded,
                k -> new Object[] {k.labelKey(), k.labelValue(), k.hour(), k.instance(), k.kind(), k.status()},
                true);
        change(
                "job_tallies",
                TALLY,
                changes.tallies,
                k -> new Object[] {k.instance(), k.kind(), k.status(), stripe},
                false);
        change(
                "job_label_tallies",
                LABEL_TALLY,
                changes.labelTallies,
                k -> new Object[] {k.labelKey(), k.labelValue(), k.instance(), k.kind(), k.status(), k.stripe()},
                true);
    }

    /**
     * The stripe a thread writes to in {@code job_tallies}. By thread rather than at random per call: a transaction
     * runs on one thread, so all its changes go to one stripe, in key order (see the class comment on deadlocks).
     */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19; this builds for 17.
    static short stripe(Thread thread) {
        return (short) Math.floorMod(thread.getId(), (long) STRIPES);
    }

    /**
     * Adds each change to its row of {@code table}, in the map's (key) order. With {@code dropZeros}, a row that
     * falls to zero is deleted rather than kept as a zero for every hour of history or every label value gone.
     */
    private <K> void change(
            String table, List<String> keyColumns, Map<K, Long> changes, Function<K, Object[]> row, boolean dropZeros) {
        List<Object[]> keys = new ArrayList<>(changes.size());
        List<Long> deltas = new ArrayList<>(changes.size());
        List<Object[]> lowered = new ArrayList<>();
        changes.forEach((key, delta) -> {
            if (delta == 0) return;
            Object[] k = row.apply(key);
            keys.add(k);
            deltas.add(delta);
            if (delta < 0) lowered.add(k);
        });
        upsert(table, keyColumns, keys, deltas);
        if (dropZeros && !lowered.isEmpty()) {
            // Guarded by jobs = 0: a row another transaction is raising meanwhile is locked by it, re-read, and kept.
            jdbc.batchUpdate("delete from " + table + " where " + matches(keyColumns) + " and jobs = 0", lowered);
        }
    }

    private static String matches(List<String> keyColumns) {
        return keyColumns.stream().map(c -> c + " = ?").collect(Collectors.joining(" and "));
    }

    /** Adds each delta to its row of {@code table}, creating rows that do not exist yet. */
    private void upsert(String table, List<String> keyColumns, List<Object[]> keys, List<Long> deltas) {
        if (keys.isEmpty()) return;
        String columns = String.join(", ", keyColumns);
        String matches = matches(keyColumns);
        String insert =
                "insert into " + table + " (" + columns + ", jobs) values (" + "?, ".repeat(keyColumns.size()) + "?)";
        List<Object[]> rows = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) rows.add(withLast(keys.get(i), deltas.get(i)));
        if (postgres) {
            jdbc.batchUpdate(
                    insert + " on conflict (" + columns + ") do update set jobs = " + table + ".jobs + excluded.jobs",
                    rows);
            return;
        }
        // H2 has no upsert that adds. It also keeps a transaction usable after a failed statement, so a key that
        // another transaction inserted first is caught here and added to instead.
        String update = "update " + table + " set jobs = jobs + ? where " + matches;
        List<Object[]> updates = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) updates.add(withFirst(deltas.get(i), keys.get(i)));
        int[] updated = jdbc.batchUpdate(update, updates);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 0) continue;
            try {
                jdbc.update(insert, rows.get(i));
            } catch (DuplicateKeyException raced) {
                jdbc.update(update, updates.get(i));
            }
        }
    }

    private static Object[] withLast(Object[] values, Object last) {
        Object[] all = Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    private static Object[] withFirst(Object first, Object[] values) {
        Object[] all = new Object[values.length + 1];
        all[0] = first;
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }

    /** Every tally above zero (its stripes summed), of all instances or (non-null) only of these. */
    List<Tally> read(Collection<String> instances) {
        return read("job_tallies", List.of(), instances);
    }

    /** As {@link #read}, of the jobs that have the label {@code key}:{@code value}: one range of the primary key. */
    List<Tally> readLabel(String key, String value, Collection<String> instances) {
        return read("job_label_tallies", List.of(key, value), instances);
    }

    private List<Tally> read(String table, List<String> label, Collection<String> instances) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>(label);
        if (!label.isEmpty()) where.add("label_key = ? and label_value = ?");
        if (instances != null) {
            where.add("instance in (" + String.join(",", Collections.nCopies(instances.size(), "?")) + ")");
            args.addAll(instances);
        }
        String sql = "select instance, kind, status, sum(jobs) from " + table
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " group by instance, kind, status having sum(jobs) <> 0";
        return jdbc.query(
                sql,
                (rs, n) ->
                        new Tally(rs.getString(1), rs.getString(2), JobStatus.valueOf(rs.getString(3)), rs.getLong(4)),
                args.toArray());
    }

    record Tally(String instance, String kind, JobStatus status, long jobs) {}
}
