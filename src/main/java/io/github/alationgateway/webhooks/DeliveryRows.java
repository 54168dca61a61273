package io.github.alationgateway.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.RowMapper;

/** Column list and row mapping of webhook_deliveries. */
final class DeliveryRows {

    static final String COLUMNS = "id, endpoint, url, event_id, event_type, job_id, created_at, status, attempts,"
            + " next_attempt_at, lease_owner, last_status_code, last_error, last_attempt_at, delivered_at, version";

    static final RowMapper<Delivery> DELIVERY = (rs, n) -> delivery(rs);

    private DeliveryRows() {}

    static Delivery delivery(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastStatusCode = rs.wasNull() ? null : code;
        return new Delivery(
                rs.getLong("id"),
                rs.getString("endpoint"),
                rs.getString("url"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("job_id"),
                instant(rs, "created_at"),
                rs.getString("status"),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("lease_owner"),
                lastStatusCode,
                rs.getString("last_error"),
                instant(rs, "last_attempt_at"),
                instant(rs, "delivered_at"),
                rs.getLong("version"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
