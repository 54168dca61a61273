package io.github.alationgateway.store;

import io.github.alationgateway.details.JobKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

/** Column lists and row mapping shared by the statements of this package. */
final class JobRows {

    /** Ids per statement in {@link #eachIn}: an in list of 500 stays far below either database's parameter limit. */
    static final int IDS_PER_STATEMENT = 500;

    static final String COLUMNS = "id, instance, kind, alation_job_id, alation_job_name, status, alation_status,"
            + " status_reason, msg, raw_result, registered_by, poll_count, failure_count, last_error, registered_at,"
            + " last_polled_at, next_poll_at, finished_at, parent_id, lease_owner, version, alation_task_id,"
            + " raw_result_truncated";

    static final RowMapper<Job> JOB = (rs, n) -> job(rs);

    private JobRows() {}

    static Job job(ResultSet rs) throws SQLException {
        long alationId = rs.getLong("alation_job_id");
        Long alationJobId = rs.wasNull() ? null : alationId;
        return new Job(
                rs.getString("id"),
                rs.getString("instance"),
                JobKind.parse(rs.getString("kind")).orElse(JobKind.GENERIC),
                alationJobId,
                rs.getString("alation_job_name"),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("alation_status"),
                rs.getString("status_reason"),
                rs.getString("msg"),
                rs.getString("raw_result"),
                rs.getString("registered_by"),
                rs.getInt("poll_count"),
                rs.getInt("failure_count"),
                rs.getString("last_error"),
                instant(rs, "registered_at"),
                instant(rs, "last_polled_at"),
                instant(rs, "next_poll_at"),
                instant(rs, "finished_at"),
                rs.getString("parent_id"),
                rs.getString("lease_owner"),
                rs.getLong("version"),
                rs.getString("alation_task_id"),
                rs.getBoolean("raw_result_truncated"));
    }

    /**
     * Runs {@code select + " in (?, ...)"} for these ids, {@value #IDS_PER_STATEMENT} at a time, handing every row
     * to {@code rows}; {@code select} ends with the column the ids match, e.g. {@code "select ... where id"}.
     */
    static void eachIn(JdbcTemplate jdbc, String select, List<String> ids, RowCallbackHandler rows) {
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            jdbc.query(select + " in (" + marks + ")", rows, chunk.toArray());
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Both databases keep microseconds: truncate first so that what we write is what we read back. */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Both databases keep microseconds: truncate first so that what we write is what we read back. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Timestamp sqlTimestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
