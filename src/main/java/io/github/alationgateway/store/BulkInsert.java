package io.github.alationgateway.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows into one table in the current transaction: on PostgreSQL with {@code COPY ... FROM STDIN},
 * elsewhere as a batch of inserts. Hand-written, because PostgreSQL's COPY is the point: a batch registration
 * writes a row each into job_labels, job_logs and job_events for each of up to 500 jobs, and a batch of inserts,
 * even rewritten into multi-row inserts, makes PostgreSQL parse, bind and execute a statement per 128 rows and
 * insert their rows one by one; COPY streams them through one command and stores them in multi-row heap writes. The
 * gain is modest, since most of a row's cost is its indexes and foreign key check, which COPY pays too: 3-6 µs less
 * of PostgreSQL's CPU a job measured alone, 126 to 110 µs a job in the batch benchmark's medians (bench/RESULTS.md,
 * "Batch registrations with COPY, 2026-12-03").
 *
 * <p>A single row goes as an insert statement on PostgreSQL too: COPY takes one round trip more than a statement
 * (it waits for the server to accept the copy before sending data), which only rows in number pay back.
 */
public final class BulkInsert {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final JdbcTemplate jdbc;
    private final boolean copy;

    BulkInsert(JdbcTemplate jdbc, boolean copy) {
        this.jdbc = jdbc;
        this.copy = copy;
    }

    /**
     * Inserts the rows, each holding one value per column in order: strings, numbers, {@link OffsetDateTime}s or
     * null.
     */
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) return;
        String names = String.join(", ", columns);
        if (!copy || rows.size() == 1) {
            String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
            jdbc.batchUpdate("insert into " + table + " (" + names + ") values (" + marks + ")", rows);
            return;
        }
        String sql = "copy " + table + " (" + names + ") from stdin";
        String text = copyText(rows);
        // The connection the transaction holds (JdbcTemplate finds it as for any statement), as pgJDBC's own.
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The rows in COPY's text format: a tab between values, a newline after each row, {@code \N} for null, and in
     * a string a backslash, tab, newline and carriage return escaped with a backslash, so no value can end its row
     * or column, or read as null or as the end of data ({@code \.}). NUL is sent as it is: PostgreSQL refuses it
     * in text, here as it does in an insert's parameter.
     */
    static String copyText(List<Object[]> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 64);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) out.append('\t');
                append(out, row[i]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) out.append("\\N");
        else if (value instanceof String s) escape(out, s);
        else if (value instanceof OffsetDateTime t) out.append(TIMESTAMP.format(t));
        else if (value instanceof Long || value instanceof Integer) out.append(value);
        else
            throw new IllegalArgumentException(
                    "No COPY text for a " + value.getClass().getName());
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
