package io.github.alationgateway.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the API shows of a job besides its own row: its labels, its follow-up jobs and its callback, read for a
 * whole page of jobs in one statement.
 */
@Repository
public class JobExtras {

    /**
     * One round trip instead of three on the hottest read (every GET of a job, every page of the list): labels,
     * follow-ups and callbacks as one UNION ALL keyed by the job they belong to. Each branch is an index lookup
     * ({@code job_labels}' and {@code job_callbacks}' primary keys, {@code ix_jobs_parent}). Columns: the job's id,
     * which part the row is, two values, and a follow-up's registration time (to order them); the null's type is
     * spelled out so that both databases type the column alike.
     */
    private static final String SQL = "select job_id, 'label', label_key, label_value,"
            + " cast(null as timestamp with time zone) from job_labels where job_id in (:ids)"
            + " union all select parent_id, 'follow-up', id, status, registered_at from jobs where parent_id in (:ids)"
            + " union all select job_id, 'callback', url, events, null from job_callbacks where job_id in (:ids)";

    /** Oldest first, as they were found; ties by id so that the order is the same on every read. */
    private static final Comparator<Found> OLDEST_FIRST = Comparator.comparing(Found::registeredAt)
            .thenComparing(found -> found.followUp().id());

    private final JdbcClient jdbc;

    JobExtras(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One job's extras: labels in key order, follow-ups oldest first, its callback or null. */
    public record Extras(Map<String, String> labels, List<FollowUp> followUps, JobCallback callback) {

        public static final Extras NONE = new Extras(Map.of(), List.of(), null);
    }

    /** A follow-up job, as much of it as its parent's view needs: its id, and its status for the chain's. */
    public record FollowUp(String id, JobStatus status) {}

    private record Found(FollowUp followUp, Instant registeredAt) {}

    /** The extras of each of these jobs that has any; ids of jobs without any are left out. */
    public Map<String, Extras> of(Collection<String> jobIds) {
        if (jobIds.isEmpty()) return Map.of();
        Map<String, Map<String, String>> labels = new HashMap<>();
        Map<String, List<Found>> followUps = new HashMap<>();
        Map<String, JobCallback> callbacks = new HashMap<>();
        jdbc.sql(SQL).param("ids", padded(jobIds)).query(rs -> {
            String jobId = rs.getString(1);
            String first = rs.getString(3);
            String second = rs.getString(4);
            switch (rs.getString(2)) {
                case "label" ->
                    labels.computeIfAbsent(jobId, k -> new TreeMap<>()).put(first, second);
                case "follow-up" ->
                    followUps
                            .computeIfAbsent(jobId, k -> new ArrayList<>())
                            .add(new Found(
                                    new FollowUp(first, JobStatus.valueOf(second)),
                                    rs.getObject(5, OffsetDateTime.class).toInstant()));
                default -> callbacks.put(jobId, JobCallback.stored(first, second));
            }
        });
        Map<String, Extras> extras = new HashMap<>();
        for (String jobId : jobIds) {
            Map<String, String> own = labels.get(jobId);
            List<Found> found = followUps.get(jobId);
            JobCallback callback = callbacks.get(jobId);
            if (own == null && found == null && callback == null) continue;
            extras.put(
                    jobId,
                    new Extras(
                            own == null ? Map.of() : own,
                            found == null
                                    ? List.of()
                                    : found.stream()
                                            .sorted(OLDEST_FIRST)
                                            .map(Found::followUp)
                                            .toList(),
                            callback));
        }
        return extras;
    }

    /**
     * The ids, their number padded to a power of two by repeating the last: a page of 1 to 500 jobs then makes a
     * handful of statement shapes for the database to plan and cache, not 500 (what Hibernate's
     * {@code in_clause_parameter_padding} does for the JPA reads).
     */
    static List<String> padded(Collection<String> jobIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(jobIds));
        int size = Integer.highestOneBit(ids.size());
        if (size < ids.size()) size <<= 1;
        String last = ids.get(ids.size() - 1);
        while (ids.size() < size) ids.add(last);
        return ids;
    }
}
