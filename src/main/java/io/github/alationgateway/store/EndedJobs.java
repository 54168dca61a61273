package io.github.alationgateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs that ended, counted per hour and final status: the one rule behind the dashboard's chart and the
 * {@code ended_per_hour} of {@code GET /api/v1/jobs/stats}. A job counts in the hour of its {@code finished_at};
 * hours are whole hours since the epoch, computed in the database from the time itself, so no session time zone
 * can shift a bucket.
 *
 * <p>Counted from hourly roll-ups ({@code job_ended_hours}, V8_3), which every write that ends or deletes a job keeps
 * in its own transaction ({@link JobTallies}): seven days are at most 168 hours of a few dozen rows each. Counting
 * the same from the jobs through {@code ix_jobs_finished} reads every job ended in the window, ~80,000 for seven
 * days at a million jobs, too slow for the stats' 50 ms (plans in bench/RESULTS.md). The roll-ups keep instance
 * and kind, and the same per label ({@code job_label_ended_hours}) for one label; {@link JobTallies#answering}
 * decides. A registration-time filter alone is counted from the jobs ended in the window, through that index; a
 * label with one, or two labels, by {@link LabelledCounts}, from the first label's rows, in the same pass as the
 * counts of the stats. Plain SQL: an hour bucket of an instant is an expression JPA has no portable word for.
 */
@Repository
public class EndedJobs {

    /** The longest window asked for: seven days. */
    public static final int MAX_HOURS = 7 * 24;

    private static final String HOUR = LabelledCounts.HOUR;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LabelledCounts labelled;

    EndedJobs(JdbcClient jdbc, Clock clock, LabelledCounts labelled) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.labelled = labelled;
    }

    /** Jobs that ended in the hour starting at {@code hour}, in one final status. */
    public record HourCount(Instant hour, JobStatus status, long count) {}

    /** One hour of a window: how many jobs ended in it, by final status. */
    public record EndedHour(Instant hour, long successful, long partiallySuccessful, long failed, long expired) {}

    /** The first hour of a window of {@code hours} hours that ends with the current one. */
    public static Instant firstHour(Instant now, int hours) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
    }

    /**
     * Every hour of the last {@code hours} (1 to {@link #MAX_HOURS}), the current one last, zeros included, of the
     * jobs {@code filter} selects. Of the filter, only what stats take is used: instance, kind, labels,
     * registration times and the key's instances.
     */
    public List<EndedHour> lastHours(JobQuery filter, int hours) {
        checkWindow(hours);
        Instant first = firstHour(clock.instant(), hours);
        return window(first, hours, perHour(filter, first, first.plus(Duration.ofHours(hours))));
    }

    /** Checks a window's length: 1 to {@link #MAX_HOURS} hours. */
    static void checkWindow(int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("A window is 1 to " + MAX_HOURS + " hours, not " + hours);
        }
    }

    /** Every hour of the window starting at {@code first}, zeros included, from the hours that had ends. */
    static List<EndedHour> window(Instant first, int hours, List<HourCount> counts) {
        Map<Instant, Map<JobStatus, Long>> counted = new HashMap<>();
        for (HourCount count : counts) {
            counted.computeIfAbsent(count.hour(), h -> new EnumMap<>(JobStatus.class))
                    .merge(count.status(), count.count(), Long::sum);
        }
        List<EndedHour> window = new ArrayList<>(hours);
        for (int h = 0; h < hours; h++) {
            Instant hour = first.plus(Duration.ofHours(h));
            Map<JobStatus, Long> in = counted.getOrDefault(hour, Map.of());
            window.add(new EndedHour(
                    hour,
                    in.getOrDefault(JobStatus.SUCCESSFUL, 0L),
                    in.getOrDefault(JobStatus.PARTIALLY_SUCCESSFUL, 0L),
                    in.getOrDefault(JobStatus.FAILED, 0L),
                    in.getOrDefault(JobStatus.EXPIRED, 0L)));
        }
        return window;
    }

    /**
     * Ended at or after {@code from} and before {@code until} (whole hours), of the jobs {@code filter} selects (see
     * {@link #lastHours}); hours without jobs are left out.
     */
    public List<HourCount> perHour(JobQuery filter, Instant from, Instant until) {
        if (filter.visibleInstances() != null && filter.visibleInstances().isEmpty()) return List.of();
        JobTallies.Source source = JobTallies.answering(filter);
        if (LabelledCounts.answers(filter)) {
            return labelled.count(filter, from, until).stream()
                    .filter(count -> count.endedHour() != null)
                    .map(count -> new HourCount(count.endedHour(), count.status(), count.jobs()))
                    .toList();
        }
        boolean rolledUp = source != JobTallies.Source.JOBS;
        // All read the same conditions as the list's Specifications (JobSpecifications), written for this statement.
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        if (source == JobTallies.Source.TALLIES) {
            sql.append("select ended_hour, status, sum(jobs) from job_ended_hours"
                    + " where ended_hour >= :from and ended_hour < :until and jobs <> 0");
            params.put("from", Math.floorDiv(from.getEpochSecond(), 3600));
            params.put("until", Math.floorDiv(until.getEpochSecond(), 3600));
        } else if (source == JobTallies.Source.LABEL_TALLIES) {
            // One range of the primary key: the label, then its hours.
            Map.Entry<String, String> label =
                    filter.labels().entrySet().iterator().next();
            sql.append("select ended_hour, status, sum(jobs) from job_label_ended_hours"
                    + " where label_key = :labelKey and label_value = :labelValue"
                    + " and ended_hour >= :from and ended_hour < :until and jobs <> 0");
            params.put("labelKey", label.getKey());
            params.put("labelValue", label.getValue());
            params.put("from", Math.floorDiv(from.getEpochSecond(), 3600));
            params.put("until", Math.floorDiv(until.getEpochSecond(), 3600));
        } else {
            sql.append("select " + HOUR + ", j.status, count(*) from jobs j"
                    + " where finished_at >= :from and finished_at < :until");
            params.put("from", JobRows.timestamp(from));
            params.put("until", JobRows.timestamp(until));
        }
        String on = rolledUp ? "" : "j.";
        if (filter.instance() != null) {
            sql.append(" and " + on + "instance = :instance");
            params.put("instance", filter.instance());
        }
        if (filter.kind() != null) {
            sql.append(" and " + on + "kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.visibleInstances() != null) {
            sql.append(" and " + on + "instance in (:visible)");
            params.put("visible", new ArrayList<>(filter.visibleInstances()));
        }
        if (filter.registeredAfter() != null) {
            sql.append(" and j.registered_at >= :registeredAfter");
            params.put("registeredAfter", JobRows.timestamp(filter.registeredAfter()));
        }
        if (filter.registeredBefore() != null) {
            sql.append(" and j.registered_at < :registeredBefore");
            params.put("registeredBefore", JobRows.timestamp(filter.registeredBefore()));
        }
        sql.append(rolledUp ? " group by ended_hour, status" : " group by " + HOUR + ", j.status");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> new HourCount(
                        Instant.ofEpochSecond(rs.getLong(1) * 3600), JobStatus.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }
}
