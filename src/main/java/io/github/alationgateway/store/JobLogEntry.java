package io.github.alationgateway.store;

import java.time.Instant;

/**
 * One line of a job's history. Identical errors in a row are folded into one entry: {@code repeatCount} says
 * how many times it happened, {@code lastAt} when it last did.
 */
public record JobLogEntry(Instant at, String level, String status, String message, int repeatCount, Instant lastAt) {

    public static final int MAX_MESSAGE_LENGTH = Columns.LOG_MESSAGE;

    public static String fit(String message) {
        return Columns.fit(message, MAX_MESSAGE_LENGTH);
    }
}
