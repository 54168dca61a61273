package io.github.alationgateway.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event log as readers see it: events in {@code seq} order, and a signal when this replica committed new
 * ones. {@code seq} increases with insertion, not with commit: two transactions may commit their events out of
 * seq order, so a reader that must not skip a late commit needs more than "after the last seq I saw".
 */
@Component
public class EventLog {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    static final String COLUMNS = "seq, id, type, job_id, at, data";
    static final RowMapper<StoredEvent> EVENT = (rs, n) -> event(rs);

    private final JdbcClient jdbc;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} events with a seq above {@code seq}, in seq order. */
    public List<StoredEvent> after(long seq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from job_events where seq > ? order by seq limit ?")
                .params(seq, limit)
                .query(EVENT)
                .list();
    }

    /** At most {@code limit} events with a seq above {@code seq} and at most {@code upTo}, in seq order. */
    public List<StoredEvent> between(long seq, long upTo, int limit) {
        return jdbc.sql("select " + COLUMNS + " from job_events where seq > ? and seq <= ? order by seq limit ?")
                .params(seq, upTo, limit)
                .query(EVENT)
                .list();
    }

    public Optional<StoredEvent> byId(String id) {
        return jdbc.sql("select " + COLUMNS + " from job_events where id = ?")
                .param(id)
                .query(EVENT)
                .optional();
    }

    /** The events with these ids that are still retained, by id. */
    public Map<String, StoredEvent> byIds(Collection<String> ids) {
        Map<String, StoredEvent> events = new HashMap<>();
        if (ids.isEmpty()) return events;
        jdbc.sql("select " + COLUMNS + " from job_events where id in (:ids)")
                .param("ids", ids)
                .query(EVENT)
                .list()
                .forEach(event -> events.put(event.id(), event));
        return events;
    }

    /** The oldest seq still retained; empty when the log is empty. A resume point below it has lost events. */
    public OptionalLong oldestSeq() {
        return single("select min(seq) from job_events");
    }

    /** The newest seq written so far; 0 when the log is empty. */
    public long latestSeq() {
        return single("select max(seq) from job_events").orElse(0);
    }

    /** The one number a min or max answers; empty on an empty table. */
    private OptionalLong single(String sql) {
        return jdbc.sql(sql)
                .query((rs, n) -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
                })
                .single();
    }

    /**
     * Runs {@code listener} each time this replica committed events (never inside the transaction, and never for
     * events of other replicas: those are found by reading the log). It runs on the committing thread, so it must
     * only wake someone up. Close the answer to stop.
     */
    public AutoCloseable onAppend(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void appended() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("A listener of the event log failed: {}", e.toString());
            }
        }
    }

    static StoredEvent event(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new StoredEvent(
                rs.getLong("seq"),
                rs.getString("id"),
                EventType.parse(rs.getString("type")).orElseThrow(),
                rs.getString("job_id"),
                at.toInstant(),
                rs.getString("data"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
