package io.github.alationgateway.store;

import java.util.List;

/**
 * The sizes of the job columns that hold text from outside (Alation's status and message, reasons and errors that
 * quote it), and the one place that makes a value fit them. Without it, one over-long status from Alation failed
 * its row on PostgreSQL (H2 too), and the job came back after every lease with the same answer. A cut value ends in
 * "…", so a reader sees it was cut.
 */
public final class Columns {

    /** {@code jobs.alation_status} and {@code job_logs.status}: varchar(256). */
    public static final int STATUS = 256;

    /** {@code jobs.status_reason} and {@code jobs.last_error}: varchar(2000). */
    public static final int REASON = 2000;

    /** {@code job_logs.message}: varchar(4000). */
    public static final int LOG_MESSAGE = 4000;

    /**
     * {@code jobs.msg} is unbounded text in both databases; Alation's message is a sentence, and a megabyte of one
     * is a fault to keep short, not to store whole and send with every read of the job.
     */
    public static final int MSG = 65_536;

    private Columns() {}

    /** {@code text} cut to {@code max} characters, ending in "…" when cut; null stays null. */
    public static String fit(String text, int max) {
        if (text == null || text.length() <= max) return text;
        int end = max - 1;
        // Not between the two halves of a surrogate pair: half a character is not valid UTF-8 for the database.
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    /** The outcome with every text that goes into a bounded column made to fit it. */
    static Outcome fit(Outcome o) {
        List<Outcome.LogLine> logs = o.logs().stream()
                .map(line -> new Outcome.LogLine(
                        line.at(),
                        line.level(),
                        fit(line.status(), STATUS),
                        fit(line.message(), LOG_MESSAGE),
                        line.repeatOfLast()))
                .toList();
        return new Outcome(
                o.jobId(),
                o.version(),
                o.leaseOwner(),
                o.status(),
                fit(o.alationStatus(), STATUS),
                fit(o.statusReason(), REASON),
                fit(o.msg(), MSG),
                o.rawResult(),
                o.polledAt(),
                o.failureCount(),
                fit(o.lastError(), REASON),
                o.nextPollAt(),
                o.finishedAt(),
                logs,
                o.rawResultTruncated());
    }
}
