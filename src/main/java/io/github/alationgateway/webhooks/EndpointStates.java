package io.github.alationgateway.webhooks;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every replica must agree on about an endpoint, kept in webhook_endpoints: disabled (a 410, until an admin
 * enables it), paused (a Retry-After), and when it last worked or failed.
 */
// Each write its own short transaction (joining the caller's where there is one): none may rest on the pool's
// auto-commit, which an operator may turn off.
@Repository
@Transactional
class EndpointStates {

    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    record State(
            String name,
            String state,
            Instant pausedUntil,
            Instant lastSuccessAt,
            Instant lastFailureAt,
            String lastError) {

        boolean disabled() {
            return DISABLED.equals(state);
        }

        boolean pausedAt(Instant now) {
            return pausedUntil != null && pausedUntil.isAfter(now);
        }
    }

    private final JdbcClient jdbc;

    EndpointStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes a row for each endpoint that has none yet; replicas racing here both succeed. */
    void ensure(Collection<String> names) {
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(all().keySet());
        for (String name : missing) {
            try {
                jdbc.sql("insert into webhook_endpoints (name, state) values (?, 'active')")
                        .param(name)
                        .update();
            } catch (DuplicateKeyException anotherReplicaWasFirst) {
                // the row is there, which is all we wanted
            }
        }
    }

    Map<String, State> all() {
        Map<String, State> states = new LinkedHashMap<>();
        jdbc.sql("select name, state, paused_until, last_success_at, last_failure_at, last_error"
                        + " from webhook_endpoints order by name")
                .query((rs, n) -> new State(
                        rs.getString("name"),
                        rs.getString("state"),
                        DeliveryRows.instant(rs, "paused_until"),
                        DeliveryRows.instant(rs, "last_success_at"),
                        DeliveryRows.instant(rs, "last_failure_at"),
                        rs.getString("last_error")))
                .list()
                .forEach(state -> states.put(state.name(), state));
        return states;
    }

    /** True for the one call that disabled it, so that one replica logs it, once. */
    boolean disable(String name, Instant at, String error) {
        return jdbc.sql("update webhook_endpoints set state = 'disabled', last_failure_at = ?, last_error = ?"
                                + " where name = ? and state = 'active'")
                        .params(DeliveryRows.timestamp(at), error, name)
                        .update()
                > 0;
    }

    /** Enables it and lifts any pause; false when it was not disabled. */
    boolean enable(String name) {
        return jdbc.sql("update webhook_endpoints set state = 'active', paused_until = null"
                                + " where name = ? and state = 'disabled'")
                        .param(name)
                        .update()
                > 0;
    }

    /** Pauses it until {@code until}, unless a longer pause is already in place. */
    void pause(String name, Instant until) {
        jdbc.sql("update webhook_endpoints set paused_until = ?"
                        + " where name = ? and (paused_until is null or paused_until < ?)")
                .params(DeliveryRows.timestamp(until), name, DeliveryRows.timestamp(until))
                .update();
    }

    /** Moves the last success forward to {@code at}, never back (replicas report out of order). */
    void succeeded(String name, Instant at) {
        jdbc.sql("update webhook_endpoints set last_success_at = ?"
                        + " where name = ? and (last_success_at is null or last_success_at < ?)")
                .params(DeliveryRows.timestamp(at), name, DeliveryRows.timestamp(at))
                .update();
    }

    void failed(String name, Instant at, String error) {
        jdbc.sql("update webhook_endpoints set last_failure_at = ?, last_error = ?"
                        + " where name = ? and (last_failure_at is null or last_failure_at < ?)")
                .params(DeliveryRows.timestamp(at), error, name, DeliveryRows.timestamp(at))
                .update();
    }
}
