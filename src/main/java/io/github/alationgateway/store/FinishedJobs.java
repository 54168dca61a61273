package io.github.alationgateway.store;

import io.github.alationgateway.details.JobKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How long finished jobs took: the history the learned poll cadence starts from. */
@Repository
public class FinishedJobs {

    /** One finished job: where it ran, what kind it was, and when it was registered and seen to end. */
    public record Finished(String instance, JobKind kind, Instant registeredAt, Instant finishedAt) {}

    private final JdbcClient jdbc;

    FinishedJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The {@code limit} jobs that ended most recently (expired ones excluded: they say only that a job took longer
     * than the deadline), oldest first, so that a learner that weighs recent jobs more reads them in order.
     */
    public List<Finished> newest(int limit) {
        List<Finished> newestFirst = new ArrayList<>(jdbc.sql("select instance, kind, registered_at, finished_at from"
                        + " jobs where finished_at is not null and status <> 'EXPIRED'"
                        + " order by finished_at desc limit ?")
                .param(limit)
                .query((rs, n) -> new Finished(
                        rs.getString("instance"),
                        JobKind.parse(rs.getString("kind")).orElse(JobKind.GENERIC),
                        rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("finished_at", OffsetDateTime.class).toInstant()))
                .list());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
