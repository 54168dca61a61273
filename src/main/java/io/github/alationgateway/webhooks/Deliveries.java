package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.ExpiresWithEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The statements on webhook_deliveries, apart from the claim ({@link DeliveryClaims}). */
// Each write its own short transaction (joining the caller's where there is one): none may rest on the pool's
// auto-commit, which an operator may turn off.
@Repository
@Transactional
class Deliveries implements ExpiresWithEvents {

    /** A delivery to write with its event. */
    record New(String endpoint, String url, String eventId, String eventType, String jobId, Instant createdAt) {}

    /** What one attempt came to, written only if the delivery still carries the claim it was sent under. */
    record Result(
            Delivery claimed,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Integer statusCode,
            String error,
            Instant attemptedAt,
            Instant deliveredAt) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Deliveries(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(List<New> deliveries) {
        if (deliveries.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>(deliveries.size());
        for (New d : deliveries) {
            rows.add(new Object[] {
                d.endpoint(),
                d.url(),
                d.eventId(),
                d.eventType(),
                d.jobId(),
                DeliveryRows.timestamp(d.createdAt()),
                DeliveryRows.timestamp(d.createdAt())
            });
        }
        template.batchUpdate(
                "insert into webhook_deliveries (endpoint, url, event_id, event_type, job_id, created_at, status,"
                        + " attempts, next_attempt_at, version) values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, 0)",
                rows);
    }

    /** Writes the results that still hold their claim; answers, for each, whether it did. */
    boolean[] record(List<Result> results) {
        if (results.isEmpty()) return new boolean[0];
        List<Object[]> args = new ArrayList<>(results.size());
        for (Result r : results) {
            args.add(new Object[] {
                r.status(),
                r.attempts(),
                DeliveryRows.timestamp(r.nextAttemptAt()),
                r.statusCode(),
                r.error() == null ? null : fit(r.error()),
                DeliveryRows.timestamp(r.attemptedAt()),
                DeliveryRows.timestamp(r.deliveredAt()),
                r.claimed().id(),
                r.claimed().version(),
                r.claimed().leaseOwner()
            });
        }
        int[] counts = template.batchUpdate(
                "update webhook_deliveries set status = ?, attempts = ?, next_attempt_at = ?, lease_owner = null,"
                        + " last_status_code = coalesce(?, last_status_code), last_error = ?,"
                        + " last_attempt_at = coalesce(?, last_attempt_at), delivered_at = ?, version = version + 1"
                        + " where id = ? and version = ? and lease_owner = ?",
                args);
        boolean[] written = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) written[i] = counts[i] > 0;
        return written;
    }

    /** Newest first, after the delivery {@code beforeId} when given; {@code status} null for all. */
    List<Delivery> list(String endpoint, String status, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder(
                "select " + DeliveryRows.COLUMNS + " from webhook_deliveries where endpoint = :endpoint");
        Map<String, Object> params = new HashMap<>();
        params.put("endpoint", endpoint);
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status);
        }
        if (beforeId != null) {
            sql.append(" and id < :before");
            params.put("before", beforeId);
        }
        sql.append(" order by id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(DeliveryRows.DELIVERY)
                .list();
    }

    /** Makes a delivery due now, with its retry schedule from the start. False when there is no such delivery. */
    boolean retryNow(String endpoint, long id, Instant now) {
        return jdbc.sql("update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ?,"
                                + " lease_owner = null, delivered_at = null, version = version + 1"
                                + " where endpoint = ? and id = ?")
                        .params(DeliveryRows.timestamp(now), endpoint, id)
                        .update()
                > 0;
    }

    /** Pending and failed deliveries per endpoint. */
    Map<String, Map<String, Long>> countsByEndpoint() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql("select endpoint, status, count(*) from webhook_deliveries where status in ('pending', 'failed')"
                        + " group by endpoint, status")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                });
        return counts;
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        return jdbc.sql("delete from webhook_deliveries where id in (select id from webhook_deliveries"
                        + " where created_at < ? order by id fetch first " + limit + " rows only)")
                .param(DeliveryRows.timestamp(cutoff))
                .update();
    }

    private static String fit(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }
}
