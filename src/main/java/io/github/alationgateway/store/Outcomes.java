package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the outcomes of polls in batches, each guarded by version and lease owner. */
@Repository
public class Outcomes {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public Outcomes(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Writes what still applies and answers the ids of the jobs written. An outcome whose job has moved on (its
     * lease ran out and another replica claimed it, or it was polled again meanwhile) is stale and dropped: the
     * newer write wins.
     */
    public List<String> record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) return List.of();
        return tx.execute(status -> {
            List<Object[]> args = new ArrayList<>(outcomes.size());
            for (Outcome o : outcomes) {
                args.add(new Object[] {
                    o.status().name(),
                    o.alationStatus(),
                    o.statusReason(),
                    o.msg(),
                    o.rawResult(),
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
                            + " poll_count = poll_count + ?, last_polled_at = coalesce(?, last_polled_at),"
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
                            JobLogEntry.fit(line.message())
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
            return written;
        });
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
        int released = 0;
        for (int count : jdbc.batchUpdate(
                "update jobs set lease_owner = null, next_poll_at = ?, version = version + 1"
                        + " where id = ? and version = ? and lease_owner = ?",
                args)) {
            released += Math.max(count, 0);
        }
        return released;
    }
}
