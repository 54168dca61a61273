package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes jobs for good, each with its labels, logs, callback and follow-ups, as one: retention's chunks of old
 * finished chains, and a client's "forget this job". Candidates are found and deleted through the repositories;
 * the rows are first locked in SQL ({@code for update}), so that the tallies are lowered by the status each job
 * has when it goes, even if an outcome lands meanwhile. A job under poll may go too: its outcome, guarded by
 * version and lease owner, then matches no row and is dropped.
 */
@Repository
public class DeleteJobs {

    private final JobRepository jobs;
    private final JobLabelRepository labels;
    private final JobLogRepository logs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JobTallies tallies;

    DeleteJobs(
            JobRepository jobs,
            JobLabelRepository labels,
            JobLogRepository logs,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            JobTallies tallies) {
        this.jobs = jobs;
        this.labels = labels;
        this.logs = logs;
        this.jdbc = jdbc;
        this.tx = tx;
        this.tallies = tallies;
    }

    /**
     * Deletes at most {@code chunk} chains (a job without parent and its follow-ups) that ended before
     * {@code cutoff}: the whole chain, only once every member of it has. Oldest first. One transaction; answers
     * how many chains went, so a caller repeats while it answers {@code chunk}.
     */
    public int deleteChainsEndedBefore(Instant cutoff, int chunk) {
        Integer deleted = tx.execute(status -> {
            List<String> roots = jobs.findChainsEndedBefore(JobRows.micros(cutoff), Limit.of(chunk));
            delete(roots);
            return roots.size();
        });
        return deleted == null ? 0 : deleted;
    }

    /** Deletes a job and its follow-ups; answers false if there was no such job. */
    public boolean deleteChain(String id) {
        return Boolean.TRUE.equals(tx.execute(status -> delete(List.of(id)) > 0));
    }

    private int delete(List<String> roots) {
        if (roots.isEmpty()) return 0;
        List<String> all = new ArrayList<>(roots);
        all.addAll(jobs.findIdsByParentIdIn(roots));
        String marks = String.join(",", Collections.nCopies(all.size(), "?"));
        Map<String, Map<String, String>> labelled = TallyChanges.labelsOf(jdbc, all);
        TallyChanges counted = new TallyChanges();
        // The status must be read under the rows' locks: a job another transaction deleted meanwhile is then not
        // found to count.
        jdbc.query(
                "select id, instance, kind, status, finished_at from jobs where id in (" + marks + ") order by id"
                        + " for update",
                rs -> {
                    String id = rs.getString(1);
                    Map<String, String> its = labelled.getOrDefault(id, Map.of());
                    JobStatus status = JobStatus.valueOf(rs.getString(4));
                    counted.count(id, rs.getString(2), rs.getString(3), its, status, -1);
                    Instant finished = JobRows.instant(rs, "finished_at");
                    if (status.isFinal() && finished != null) {
                        counted.ended(finished, rs.getString(2), rs.getString(3), its, status, -1);
                    }
                },
                all.toArray());
        labels.deleteByJobIds(all);
        logs.deleteByJobIds(all);
        // job_callbacks goes with its job (on delete cascade).
        int deleted = jobs.deleteByIds(all);
        tallies.apply(counted);
        return deleted;
    }
}
