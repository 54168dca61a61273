package io.github.alationgateway.support;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Empties every table that holds jobs or what is kept about them, between the tests of a contract. In one
 * committed transaction: the contracts also run with the pool's auto-commit off, where bare statements are rolled
 * back when their connection goes back to the pool.
 */
public final class EmptyStore {

    /** Rows that refer to a job first, then the jobs, then what counts them. */
    private static final List<String> TABLES = List.of(
            "webhook_deliveries",
            "job_events",
            "job_logs",
            "job_labels",
            "job_callbacks",
            "jobs",
            "job_tallies",
            "job_ended_hours",
            "job_label_tallies",
            "job_label_ended_hours");

    private EmptyStore() {}

    public static void empty(TransactionTemplate tx, JdbcTemplate jdbc) {
        tx.executeWithoutResult(status -> TABLES.forEach(table -> jdbc.update("delete from " + table)));
    }
}
