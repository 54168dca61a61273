package io.github.alationgateway.events;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Open writers as PostgreSQL knows them, across every replica: by transaction id. Transaction ids are handed out
 * in increasing order, so a writer that took its id before the reader took one has a lower id; and the snapshot's
 * xmin is the lowest id still running. Hand-written SQL, because these functions are the point.
 *
 * <p>The writer takes its id explicitly ({@code pg_current_xact_id()} assigns one if the transaction has none):
 * left to itself, PostgreSQL may draw the identity's next value before it assigns the id, and then a writer's id
 * could be higher than the marker of a reader that already saw a higher seq.
 *
 * <p>The marker is a transaction of its own (the reader runs outside any transaction, so each statement commits
 * by itself); it costs one transaction id per tick in which the log grew. A write transaction held open anywhere
 * on the server when the marker was taken delays the horizon until it ends; it never makes it skip.
 */
final class PostgresOpenWriters implements OpenWriters {

    private final JdbcTemplate jdbc;

    PostgresOpenWriters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(Runnable insert) {
        jdbc.queryForObject("select pg_current_xact_id()::text", String.class);
        insert.run();
    }

    @Override
    public long marker() {
        return Long.parseLong(jdbc.queryForObject("select pg_current_xact_id()::text", String.class));
    }

    @Override
    public boolean finishedBefore(long marker) {
        long xmin = Long.parseLong(
                jdbc.queryForObject("select pg_snapshot_xmin(pg_current_snapshot())::text", String.class));
        // The marker's own transaction has committed, so xmin cannot be the marker itself.
        return xmin > marker;
    }
}
