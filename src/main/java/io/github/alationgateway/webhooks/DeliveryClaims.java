package io.github.alationgateway.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes due deliveries of one receiver for this replica, with a lease in {@code next_attempt_at}: a replica that
 * dies mid-delivery leaves them due again when the lease runs out. Chosen once from the database, as the jobs'
 * claim is.
 */
sealed interface DeliveryClaims {

    List<Delivery> claim(String endpoint, String owner, Instant now, Instant leaseUntil, int limit);

    /** Either claim in its own short transaction, committed before anything is sent. */
    record InTransaction(DeliveryClaims claims, TransactionTemplate tx) implements DeliveryClaims {
        @Override
        public List<Delivery> claim(String endpoint, String owner, Instant now, Instant leaseUntil, int limit) {
            return tx.execute(status -> claims.claim(endpoint, owner, now, leaseUntil, limit));
        }
    }

    /** PostgreSQL: one statement; SKIP LOCKED keeps replicas from waiting on, or taking, each other's rows. */
    record SkipLocked(JdbcClient jdbc) implements DeliveryClaims {
        @Override
        public List<Delivery> claim(String endpoint, String owner, Instant now, Instant leaseUntil, int limit) {
            return jdbc.sql(
                            "update webhook_deliveries d set lease_owner = ?, next_attempt_at = ?, version = d.version + 1"
                                    + " from (select id from webhook_deliveries where endpoint = ? and status = 'pending'"
                                    + " and next_attempt_at <= ? order by next_attempt_at limit ? for update skip locked) due"
                                    + " where d.id = due.id returning d.*")
                    .params(owner, DeliveryRows.timestamp(leaseUntil), endpoint, DeliveryRows.timestamp(now), limit)
                    .query(DeliveryRows.DELIVERY)
                    .list();
        }
    }

    /** H2: read the due rows, then take each only if its version is still the one read. */
    record Optimistic(JdbcClient jdbc, JdbcTemplate template) implements DeliveryClaims {
        @Override
        public List<Delivery> claim(String endpoint, String owner, Instant now, Instant leaseUntil, int limit) {
            List<Delivery> due = jdbc.sql("select " + DeliveryRows.COLUMNS + " from webhook_deliveries"
                            + " where endpoint = ? and status = 'pending' and next_attempt_at <= ?"
                            + " order by next_attempt_at limit ?")
                    .params(endpoint, DeliveryRows.timestamp(now), limit)
                    .query(DeliveryRows.DELIVERY)
                    .list();
            if (due.isEmpty()) return List.of();
            List<Object[]> args = new ArrayList<>(due.size());
            for (Delivery d : due) {
                args.add(new Object[] {owner, DeliveryRows.timestamp(leaseUntil), d.id(), d.version()});
            }
            int[] counts = template.batchUpdate(
                    "update webhook_deliveries set lease_owner = ?, next_attempt_at = ?, version = version + 1"
                            + " where id = ? and version = ?",
                    args);
            List<Delivery> claimed = new ArrayList<>(due.size());
            for (int i = 0; i < due.size(); i++) {
                if (counts[i] == 0) continue;
                Delivery d = due.get(i);
                claimed.add(new Delivery(
                        d.id(),
                        d.endpoint(),
                        d.url(),
                        d.eventId(),
                        d.eventType(),
                        d.jobId(),
                        d.createdAt(),
                        d.status(),
                        d.attempts(),
                        leaseUntil,
                        owner,
                        d.lastStatusCode(),
                        d.lastError(),
                        d.lastAttemptAt(),
                        d.deliveredAt(),
                        d.version() + 1));
            }
            return claimed;
        }
    }
}
