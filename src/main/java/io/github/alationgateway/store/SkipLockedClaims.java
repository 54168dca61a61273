package io.github.alationgateway.store;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL: one statement. SKIP LOCKED lets replicas claim side by side without waiting on each other's rows,
 * and no row is ever handed to two of them.
 */
class SkipLockedClaims implements JobClaims {

    private final JdbcClient jdbc;

    SkipLockedClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ClaimedJob> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("update jobs j set lease_owner = ?, next_poll_at = ?, version = j.version + 1"
                        + " from (select id, next_poll_at as due_at from jobs where next_poll_at <= ?"
                        + " order by next_poll_at limit ? for update skip locked) due"
                        + " where j.id = due.id returning j.*, due.due_at")
                .params(owner, JobRows.timestamp(leaseUntil), JobRows.timestamp(now), limit)
                .query((rs, n) -> new ClaimedJob(JobRows.job(rs), JobRows.instant(rs, "due_at")))
                .list();
    }
}
