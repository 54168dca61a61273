package io.github.alationgateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Databases without SKIP LOCKED (H2): read the due rows, then take each one only if its version is still the
 * one we read. A concurrent claimer makes our update match nothing, and we skip that job.
 */
class OptimisticClaims implements JobClaims {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    OptimisticClaims(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * H2 has no partial index: finished jobs (next_poll_at NULL) sit in ix_jobs_due, and sort first. With only an
     * upper bound H2 walks all of them before the first due job (1,000,000 finished jobs: a million rows read per
     * claim); the lower bound makes it seek past them.
     */
    static final String DUE = "select " + JobRows.COLUMNS + " from jobs where next_poll_at between ? and ?"
            + " order by next_poll_at limit ?";

    private static final Instant NO_EARLIER = Instant.EPOCH;

    @Override
    public List<ClaimedJob> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        List<Job> due = jdbc.sql(DUE)
                .params(JobRows.timestamp(NO_EARLIER), JobRows.timestamp(now), limit)
                .query(JobRows.JOB)
                .list();
        if (due.isEmpty()) return List.of();
        List<Object[]> args = new ArrayList<>(due.size());
        for (Job job : due) {
            args.add(new Object[] {owner, JobRows.timestamp(leaseUntil), job.id(), job.version()});
        }
        int[] counts = template.batchUpdate(
                "update jobs set lease_owner = ?, next_poll_at = ?, version = version + 1"
                        + " where id = ? and version = ?",
                args);
        List<ClaimedJob> claimed = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            if (counts[i] == 0) continue;
            Job job = due.get(i);
            claimed.add(new ClaimedJob(leased(job, owner, leaseUntil), job.nextPollAt()));
        }
        return claimed;
    }

    private static Job leased(Job job, String owner, Instant leaseUntil) {
        return new Job(
                job.id(),
                job.instance(),
                job.kind(),
                job.alationJobId(),
                job.alationJobName(),
                job.status(),
                job.alationStatus(),
                job.statusReason(),
                job.msg(),
                job.rawResult(),
                job.registeredBy(),
                job.pollCount(),
                job.failureCount(),
                job.lastError(),
                job.registeredAt(),
                job.lastPolledAt(),
                leaseUntil,
                job.finishedAt(),
                job.parentId(),
                owner,
                job.version() + 1,
                job.alationTaskId(),
                job.rawResultTruncated());
    }
}
