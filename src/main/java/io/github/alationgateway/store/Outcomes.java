package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the outcomes of polls in batches, each guarded by version and lease owner. */
@Repository
public class Outcomes {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<StatusChanges> listeners;
    private final JobTallies tallies;

    /** Without listeners: writes outcomes and tells no one (tests and benchmarks of the poller alone). */
    public Outcomes(JdbcTemplate jdbc, TransactionTemplate tx) {
        this(
                jdbc,
                tx,
                new StaticListableBeanFactory().getBeanProvider(StatusChanges.class),
                new JobTallies(jdbc, DatabaseProduct.of(jdbc.getDataSource()).isPostgres()));
    }

    @Autowired
    Outcomes(JdbcTemplate jdbc, TransactionTemplate tx, ObjectProvider<StatusChanges> listeners, JobTallies tallies) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.listeners = listeners;
        this.tallies = tallies;
    }

    /**
     * Writes what still applies and answers the ids of the jobs written. An outcome whose job has moved on (its
     * lease ran out and another replica claimed it, or it was polled again meanwhile) is stale and dropped: the
     * newer write wins.
     */
    public List<String> record(List<Outcome> unfitted) {
        if (unfitted.isEmpty()) return List.of();
        List<Outcome> outcomes = unfitted.stream().map(Columns::fit).toList();
        return tx.execute(status -> {
            Map<String, Before> before = statusesBefore(outcomes);
            List<Object[]> args = new ArrayList<>(outcomes.size());
            for (Outcome o : outcomes) {
                args.add(new Object[] {
                    o.status().name(),
                    o.alationStatus(),
                    o.statusReason(),
                    o.msg(),
                    o.rawResult(),
                    o.rawResultTruncated(),
                    o.polledAt() == null ? 0 : 1,
                    JobRows.timestamp(o.polledAt()),
                    o.failureCount(),
                    o.lastError(),
                    JobRows.timestamp(o.nextPollAt()),
                    JobRows.timestamp(o.finishedAt()),
                    o.jobId(),
                    o.version(),
                    o.leaseOwner()
                });
            }
            int[] counts = jdbc.batchUpdate(
                    "update jobs set status = ?, alation_status = ?, status_reason = ?, msg = ?, raw_result = ?,"
                            + " raw_result_truncated = ?, poll_count = poll_count + ?, last_polled_at = coalesce(?, last_polled_at),"
                            + " failure_count = ?, last_error = ?, next_poll_at = ?, finished_at = ?,"
                            + " lease_owner = null, version = version + 1"
                            + " where id = ? and version = ? and lease_owner = ?",
                    args);
            List<String> written = new ArrayList<>(outcomes.size());
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> folds = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (counts[i] == 0) continue;
                Outcome o = outcomes.get(i);
                written.add(o.jobId());
                for (Outcome.LogLine line : o.logs()) {
                    if (line.repeatOfLast()) {
                        folds.add(new Object[] {JobRows.timestamp(line.at()), o.jobId()});
                    } else {
                        inserts.add(new Object[] {
                            o.jobId(),
                            JobRows.timestamp(line.at()),
                            JobRows.timestamp(line.at()),
                            line.level(),
                            line.status(),
                            line.message()
                        });
                    }
                }
            }
            if (!folds.isEmpty()) {
                jdbc.batchUpdate(
                        "update job_logs set repeat_count = repeat_count + 1, last_at = ?"
                                + " where id = (select max(id) from job_logs where job_id = ?)",
                        folds);
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate(
                        "insert into job_logs (job_id, at, last_at, level, status, message, repeat_count)"
                                + " values (?, ?, ?, ?, ?, ?, 1)",
                        inserts);
            }
            List<StatusChanges.StatusChange> changes = new ArrayList<>();
            List<Integer> moved = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome o = outcomes.get(i);
                Before from = before.get(o.jobId());
                if (counts[i] != 0 && from != null && from.status() != o.status()) {
                    changes.add(new StatusChanges.StatusChange(o.jobId(), from.status(), o.status()));
                    moved.add(i);
                }
            }
            if (moved.isEmpty()) return written;
            // Only for the jobs whose status this write changed: a poll that changes none reads none.
            Map<String, Map<String, String>> labels = TallyChanges.labelsOf(
                    jdbc,
                    changes.stream().map(StatusChanges.StatusChange::jobId).toList());
            TallyChanges counted = new TallyChanges();
            for (int i : moved) {
                Outcome o = outcomes.get(i);
                Before from = before.get(o.jobId());
                Map<String, String> its = labels.getOrDefault(o.jobId(), Map.of());
                counted.count(o.jobId(), from.instance(), from.kind(), its, from.status(), -1);
                counted.count(o.jobId(), from.instance(), from.kind(), its, o.status(), 1);
                if (o.status().isFinal() && !from.status().isFinal() && o.finishedAt() != null) {
                    counted.ended(o.finishedAt(), from.instance(), from.kind(), its, o.status(), 1);
                }
            }
            listeners.orderedStream().forEach(listener -> listener.changed(changes));
            // Last: other transactions wait for these rows' locks, so hold them briefly.
            tallies.apply(counted);
            return written;
        });
    }

    /**
     * The status each job had before this write, read in the same transaction, only for outcomes that could change
     * it (a poll that leaves a job pending changes nothing anyone listens for). Status only moves by writes guarded
     * by version, so for every write below that lands, the status read here is the one it replaces.
     */
    private Map<String, Before> statusesBefore(List<Outcome> outcomes) {
        List<String> ids = outcomes.stream()
                .filter(o -> o.status() != JobStatus.PENDING)
                .map(Outcome::jobId)
                .toList();
        Map<String, Before> statuses = new HashMap<>();
        if (ids.isEmpty()) return statuses;
        JobRows.eachIn(jdbc, "select id, status, instance, kind from jobs where id", ids, rs -> {
            statuses.put(
                    rs.getString(1), new Before(JobStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
        });
        return statuses;
    }

    /** What a job was before an outcome: its status, and where it is counted (see {@link JobTallies}). */
    private record Before(JobStatus status, String instance, String kind) {}

    /**
     * What is written instead of an outcome the database refused for its data: the job keeps what it had, says why
     * in {@code status_reason} and in its log, and is polled again at {@code retryAt}. Guarded like an outcome, so
     * a job another replica took over is left alone; false then.
     */
    public boolean refused(Outcome refused, String cause, Instant retryAt) {
        String reason = Columns.fit(
                "The gateway could not store Alation's last answer about this job (the database" + " refused it: "
                        + cause + "); it asks Alation again",
                Columns.REASON);
        Instant at = refused.polledAt() != null ? refused.polledAt() : retryAt;
        return Boolean.TRUE.equals(tx.execute(status -> {
            int updated = jdbc.update(
                    "update jobs set status_reason = ?, last_error = ?, failure_count = failure_count + 1,"
                            + " next_poll_at = ?, lease_owner = null, version = version + 1"
                            + " where id = ? and version = ? and lease_owner = ?",
                    reason,
                    reason,
                    JobRows.timestamp(retryAt),
                    refused.jobId(),
                    refused.version(),
                    refused.leaseOwner());
            if (updated == 0) return false;
            jdbc.update(
                    "insert into job_logs (job_id, at, last_at, level, status, message, repeat_count)"
                            + " select id, ?, ?, 'ERROR', lower(status), ?, 1 from jobs where id = ?",
                    JobRows.timestamp(at),
                    JobRows.timestamp(at),
                    Columns.fit(reason, Columns.LOG_MESSAGE),
                    refused.jobId());
            return true;
        }));
    }

    /** Gives claimed jobs back without an outcome (shutdown), due at {@code dueAt}. */
    public int release(Collection<ClaimedJob> claims, Instant dueAt) {
        if (claims.isEmpty()) return 0;
        List<Object[]> args = new ArrayList<>(claims.size());
        for (ClaimedJob claim : claims) {
            args.add(new Object[] {
                JobRows.timestamp(dueAt),
                claim.job().id(),
                claim.job().version(),
                claim.job().leaseOwner()
            });
        }
        int[] counts = tx.execute(status -> jdbc.batchUpdate(
                "update jobs set lease_owner = null, next_poll_at = ?, version = version + 1"
                        + " where id = ? and version = ? and lease_owner = ?",
                args));
        int released = 0;
        for (int count : counts) released += Math.max(count, 0);
        return released;
    }
}
