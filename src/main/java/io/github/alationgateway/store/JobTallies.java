package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many jobs each (instance, kind, status) has, kept in {@code job_tallies} by every write that adds, moves or
 * deletes a job, in that write's own transaction: the stats and the gauge read a few dozen rows instead of
 * grouping a million jobs. Hand-written SQL: an atomic increment is an upsert, which JPA has no word for.
 *
 * <p>The same writes keep {@code job_ended_hours}, jobs ended per hour, instance, kind and final status, for
 * {@link EndedJobs}: an end counts in the hour of its {@code finished_at}, a deleted job is taken out of it.
 *
 * <p>Each tally is kept in up to {@link #STRIPES} rows (stripes), summed on read: a writer adds to the stripe of its
 * thread. With one row per tally, every registration of one instance and kind held that row's lock until its
 * commit had reached the disk, so registrations ran one commit at a time (~300/s at ~3 ms a WAL flush); on rows of
 * their own, concurrent commits share flushes. A stripe may go below zero (a job counted in one stripe and moved
 * on in another); only the sum means anything.
 *
 * <p>Rows are changed in key order, always, and one transaction (one thread) keeps to one stripe, so two
 * transactions that touch the same rows wait for each other rather than deadlock. A tally that falls to zero
 * stays as zero rows; readers leave zeros out.
 */
final class JobTallies {

    /**
     * Rows per tally: more than the connection pool's default of 10, so that writers at once rarely share a row,
     * and few enough that the read sums a few hundred rows at most.
     */
    static final int STRIPES = 16;

    /** One tally's key. Kind and status are stored as their names, as in {@code jobs}. */
    record Key(String instance, String kind, String status) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::instance).thenComparing(Key::kind).thenComparing(Key::status);

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    JobTallies(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /** An empty set of changes, to fill and then {@link #apply}. */
    static Map<Key, Long> changes() {
        return new TreeMap<>(ORDER);
    }

    static void add(Map<Key, Long> changes, String instance, String kind, JobStatus status, long delta) {
        changes.merge(new Key(instance, kind, status.name()), delta, Long::sum);
    }

    /** Applies the changes in the current transaction, in key order, to the stripe of the calling thread. */
    void apply(Map<Key, Long> changes) {
        short stripe = stripe(Thread.currentThread());
        List<Object[]> keys = new ArrayList<>(changes.size());
        List<Long> deltas = new ArrayList<>(changes.size());
        changes.forEach((key, delta) -> {
            if (delta == 0) return;
            keys.add(new Object[] {key.instance(), key.kind(), key.status(), stripe});
            deltas.add(delta);
        });
        upsert("job_tallies", List.of("instance", "kind", "status", "stripe"), keys, deltas);
    }

    /**
     * The stripe a thread writes to. By thread rather than at random per call: a transaction runs on one thread,
     * so all its changes go to one stripe, in key order (see the class comment on deadlocks).
     */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19; this builds for 17.
    static short stripe(Thread thread) {
        return (short) Math.floorMod(thread.getId(), (long) STRIPES);
    }

    /** One hour's roll-up key: jobs of an instance and kind that ended in that hour (since the epoch) in a status. */
    record EndedKey(long hour, String instance, String kind, String status) {}

    private static final Comparator<EndedKey> ENDED_ORDER = Comparator.comparingLong(EndedKey::hour)
            .thenComparing(EndedKey::instance)
            .thenComparing(EndedKey::kind)
            .thenComparing(EndedKey::status);

    /** An empty set of changes to the hourly roll-ups of ended jobs, to fill and then {@link #applyEnded}. */
    static Map<EndedKey, Long> endedChanges() {
        return new TreeMap<>(ENDED_ORDER);
    }

    /** Counts a job that ended at {@code finishedAt} in {@code status} (delta +1), or that goes (-1). */
    static void addEnded(
            Map<EndedKey, Long> changes,
            Instant finishedAt,
            String instance,
            String kind,
            JobStatus status,
            long delta) {
        changes.merge(
                new EndedKey(Math.floorDiv(finishedAt.getEpochSecond(), 3600), instance, kind, status.name()),
                delta,
                Long::sum);
    }

    /**
     * Applies changes to {@code job_ended_hours} in the current transaction, in key order; callers apply these
     * before the tallies, always, so that the two sets of row locks are taken in one order. A row whose jobs have
     * all gone (retention, a forgotten job) is deleted rather than kept as a zero for every hour of history.
     */
    void applyEnded(Map<EndedKey, Long> changes) {
        List<Object[]> keys = new ArrayList<>(changes.size());
        List<Long> deltas = new ArrayList<>(changes.size());
        List<Object[]> lowered = new ArrayList<>();
        changes.forEach((key, delta) -> {
            if (delta == 0) return;
            Object[] k = {key.hour(), key.instance(), key.kind(), key.status()};
            keys.add(k);
            deltas.add(delta);
            if (delta < 0) lowered.add(k);
        });
        upsert("job_ended_hours", List.of("ended_hour", "instance", "kind", "status"), keys, deltas);
        if (!lowered.isEmpty()) {
            // Guarded by jobs = 0: a row another transaction is raising meanwhile is locked by it, re-read, and kept.
            jdbc.batchUpdate(
                    "delete from job_ended_hours where ended_hour = ? and instance = ? and kind = ? and status = ?"
                            + " and jobs = 0",
                    lowered);
        }
    }

    /** Adds each delta to its row of {@code table}, creating rows that do not exist yet. */
    private void upsert(String table, List<String> keyColumns, List<Object[]> keys, List<Long> deltas) {
        if (keys.isEmpty()) return;
        String columns = String.join(", ", keyColumns);
        String matches = keyColumns.stream().map(c -> c + " = ?").collect(Collectors.joining(" and "));
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
        String sql = "select instance, kind, status, sum(jobs) from job_tallies";
        Object[] args = new Object[0];
        if (instances != null) {
            sql += " where instance in (" + String.join(",", Collections.nCopies(instances.size(), "?")) + ")";
            args = instances.toArray();
        }
        sql += " group by instance, kind, status having sum(jobs) <> 0";
        return jdbc.query(
                sql,
                (rs, n) ->
                        new Tally(rs.getString(1), rs.getString(2), JobStatus.valueOf(rs.getString(3)), rs.getLong(4)),
                args);
    }

    record Tally(String instance, String kind, JobStatus status, long jobs) {}
}
