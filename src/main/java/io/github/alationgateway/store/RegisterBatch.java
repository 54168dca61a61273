package io.github.alationgateway.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a batch of jobs in one transaction and a handful of round trips, whatever its size: one batched
 * insert of the jobs that is idempotent on the unique key, one read of every job the batch names, then one bulk
 * insert each of the new jobs' labels, log lines and callbacks, their events ({@link BulkInsert}: COPY on
 * PostgreSQL), and one tally update. Registration
 * one by one (JobStore#register, through JPA) costs a transaction per job.
 *
 * <p>Hand-written SQL, because the database's own upsert is the point: PostgreSQL's {@code insert ... on conflict
 * do nothing} and on H2 an {@code insert ... select ... where not exists} add the jobs that are new and leave the ones
 * already tracked, without failing the transaction. Which were new is read back: a row that carries the id this
 * batch gave it was created by it.
 */
@Repository
public class RegisterBatch {

    /** One job to register, with its log line and (null for none) its callback. */
    public record Item(NewJob job, String registeredMessage, JobCallback callback) {}

    private static final String COLUMNS = "id, instance, alation_key, alation_job_id, alation_job_name,"
            + " alation_task_id, kind, status, registered_by, registered_at, next_poll_at, parent_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<StatusChanges> listeners;
    private final JobTallies tallies;
    private final BulkInsert bulk;
    private final String insertJobs;
    private final boolean postgres;

    RegisterBatch(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ObjectProvider<StatusChanges> listeners,
            JobTallies tallies,
            BulkInsert bulk,
            DatabaseProduct database) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.listeners = listeners;
        this.tallies = tallies;
        this.bulk = bulk;
        this.postgres = database.isPostgres();
        this.insertJobs = postgres
                ? "insert into jobs (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (instance, alation_key) do nothing"
                // H2: an insert of the row where its key is not there yet. A key that another transaction inserts
                // meanwhile makes it wait for that one and fail; register() then runs the batch again.
                // Cast: H2 must be told a parameter's type where nothing else tells it.
                : "insert into jobs (" + COLUMNS + ") select cast(? as varchar(36)), cast(? as varchar(100)),"
                        + " cast(? as varchar(1100)), cast(? as bigint), cast(? as varchar(1024)),"
                        + " cast(? as varchar(64)), cast(? as varchar(64)), cast(? as varchar(32)),"
                        + " cast(? as varchar(200)), cast(? as timestamp with time zone),"
                        + " cast(? as timestamp with time zone), cast(? as varchar(36)) from dual"
                        + " where not exists (select 1 from jobs where instance = ? and alation_key = ?)";
    }

    private record Key(String instance, String alationKey) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::instance).thenComparing(Key::alationKey);

    /**
     * Registers the items and answers one registration per item, in their order. An Alation job named twice in
     * the batch is registered once: its first item answers as the single call would, the others as repeats.
     */
    public List<JobStore.Registration> register(List<Item> items) {
        if (items.isEmpty()) return List.of();
        Map<Key, Item> first = new LinkedHashMap<>();
        Map<Key, String> ids = new HashMap<>();
        for (Item item : items) {
            Key key = new Key(item.job().instance(), item.job().ref().key());
            if (first.putIfAbsent(key, item) == null) ids.put(key, TimeOrderedIds.next());
        }
        Map<Key, Job> stored = null;
        for (int attempt = 1; stored == null; attempt++) {
            try {
                stored = tx.execute(status -> insert(first, ids));
            } catch (DataIntegrityViolationException | TransientDataAccessException raced) {
                // H2 only: a racing transaction that inserted one of these keys first fails this one, or keeps it
                // waiting past the lock timeout; once that one has committed, the same statements find its rows.
                if (postgres || attempt == 3) throw raced;
            }
        }
        List<JobStore.Registration> answers = new ArrayList<>(items.size());
        Map<Key, Boolean> answered = new HashMap<>();
        for (Item item : items) {
            Key key = new Key(item.job().instance(), item.job().ref().key());
            Job job = stored.get(key);
            boolean created = job.id().equals(ids.get(key)) && answered.put(key, true) == null;
            answers.add(new JobStore.Registration(job, created));
        }
        return answers;
    }

    private Map<Key, Job> insert(Map<Key, Item> first, Map<Key, String> ids) {
        // In key order: two batches naming the same jobs wait for each other's rows instead of deadlocking.
        List<Key> keys = new ArrayList<>(first.keySet());
        keys.sort(ORDER);
        List<Object[]> rows = new ArrayList<>(keys.size());
        for (Key key : keys) {
            NewJob job = first.get(key).job();
            OffsetDateTime at = JobRows.timestamp(job.registeredAt());
            rows.add(new Object[] {
                ids.get(key),
                key.instance(),
                key.alationKey(),
                job.ref().id(),
                job.ref().name(),
                job.ref().taskId(),
                job.kind().name(),
                JobStatus.PENDING.name(),
                job.registeredBy(),
                at,
                at,
                job.parentId()
            });
            if (!postgres) rows.set(rows.size() - 1, withKey(rows.get(rows.size() - 1), key));
        }
        jdbc.batchUpdate(insertJobs, rows);
        Map<Key, Job> stored = read(keys);
        List<Key> created =
                keys.stream().filter(k -> stored.get(k).id().equals(ids.get(k))).toList();
        if (created.isEmpty()) return stored;
        List<Object[]> labels = new ArrayList<>();
        List<Object[]> logs = new ArrayList<>(created.size());
        List<Object[]> callbacks = new ArrayList<>();
        List<StatusChanges.RegisteredJob> registered = new ArrayList<>(created.size());
        TallyChanges counted = new TallyChanges();
        for (Key key : created) {
            Item item = first.get(key);
            String id = ids.get(key);
            OffsetDateTime at = JobRows.timestamp(item.job().registeredAt());
            item.job().labels().forEach((k, v) -> labels.add(new Object[] {id, k, v, at}));
            logs.add(new Object[] {id, at, at, "INFO", JobStatus.PENDING.wire(), item.registeredMessage(), 1});
            if (item.callback() != null) {
                callbacks.add(new Object[] {
                    id, item.callback().url(), String.join(",", item.callback().events())
                });
            }
            registered.add(
                    new StatusChanges.RegisteredJob(stored.get(key), item.job().labels(), item.callback()));
            counted.count(
                    id, key.instance(), item.job().kind().name(), item.job().labels(), JobStatus.PENDING, 1);
        }
        // COPY on PostgreSQL (BulkInsert): these rows are most of what a batch costs the database.
        bulk.insert("job_labels", List.of("job_id", "label_key", "label_value", "registered_at"), labels);
        bulk.insert("job_logs", List.of("job_id", "at", "last_at", "level", "status", "message", "repeat_count"), logs);
        bulk.insert("job_callbacks", List.of("job_id", "url", "events"), callbacks);
        // The job.registered events of the new jobs only, written in this transaction (the outbox).
        listeners.orderedStream().forEach(listener -> listener.registered(registered));
        // Last: the tallies' row locks are the ones other registrations wait for, so hold them briefly.
        tallies.apply(counted);
        return stored;
    }

    private static Object[] withKey(Object[] row, Key key) {
        Object[] all = Arrays.copyOf(row, row.length + 2);
        all[row.length] = key.instance();
        all[row.length + 1] = key.alationKey();
        return all;
    }

    /**
     * Every job the keys name, as stored now: this batch's new rows and the ones already tracked. One statement
     * per instance, joining the unique key's index to the batch's keys as a VALUES list. Not {@code (instance,
     * alation_key) in ((?, ?), ...)} nor {@code instance = ? and alation_key in (...)}: once pgJDBC prepares those
     * on the server, PostgreSQL's generic plan can use the index for the instance alone and test each of its jobs
     * against all 500 keys (11 s a batch at 200,000 jobs, bench/RESULTS.md "Registrations"). A VALUES list's row
     * count is known to the planner whatever the parameters, so it probes the index once per key.
     */
    private Map<Key, Job> read(List<Key> keys) {
        Map<Key, Job> stored = new HashMap<>();
        Map<String, List<String>> byInstance = new LinkedHashMap<>();
        for (Key key : keys) {
            byInstance.computeIfAbsent(key.instance(), i -> new ArrayList<>()).add(key.alationKey());
        }
        byInstance.forEach((instance, alationKeys) -> {
            List<Object> args = new ArrayList<>(alationKeys);
            args.add(instance);
            jdbc.query(
                    "select alation_key, " + JobRows.COLUMNS + " from jobs join (values "
                            + String.join(", ", Collections.nCopies(alationKeys.size(), "(?)"))
                            + ") as wanted (wanted_key) on alation_key = wanted_key where instance = ?",
                    rs -> {
                        stored.put(new Key(rs.getString("instance"), rs.getString("alation_key")), JobRows.job(rs));
                    },
                    args.toArray());
        });
        return stored;
    }
}
