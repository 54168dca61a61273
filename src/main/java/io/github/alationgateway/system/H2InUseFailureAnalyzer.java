package io.github.alationgateway.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns H2's "Database may be already in use" into the reason an operator needs: a second gateway was started
 * on the same H2 file. H2's file lock is what refuses it, across processes; this only says so plainly.
 */
class H2InUseFailureAnalyzer implements FailureAnalyzer {

    static final String DESCRIPTION =
            "This H2 database is in use by another gateway; H2 supports one replica — use PostgreSQL for several.";

    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1. */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return new FailureAnalysis(
                        DESCRIPTION + "\n\nH2 said: " + firstLine(sql.getMessage()),
                        "Stop the other gateway that uses this database file (spring.datasource.url), or point"
                                + " spring.datasource.url of every replica at one PostgreSQL database.",
                        sql);
            }
            if (cause.getCause() == cause) break;
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
