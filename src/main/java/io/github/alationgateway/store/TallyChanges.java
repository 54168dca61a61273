package io.github.alationgateway.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one transaction changes in the tallies, gathered while it writes its jobs and then applied at once by
 * {@link JobTallies#apply}, each table's rows in key order. A job counts in its instance, kind and status, and once
 * more under each of its labels; an end counts in its hour, also per label.
 */
final class TallyChanges {

    /** A tally's key. Kind and status are stored as their names, as in {@code jobs}. */
    record Key(String instance, String kind, String status) {}

    /** One hour's roll-up key: jobs of an instance and kind that ended in that hour (since the epoch) in a status. */
    record EndedKey(long hour, String instance, String kind, String status) {}

    /** A label tally's row: unlike {@link Key}, the stripe is the job's (see {@link #labelStripe}). */
    record LabelKey(String labelKey, String labelValue, String instance, String kind, String status, short stripe) {}

    record LabelEndedKey(String labelKey, String labelValue, long hour, String instance, String kind, String status) {}

    /**
     * The labels of these jobs, which their label tallies are kept under, for a writer that moves or deletes them:
     * one statement per {@value JobRows#IDS_PER_STATEMENT} jobs ({@code job_labels}' primary key leads with the job),
     * in the writer's transaction.
     * Jobs without labels are left out. Labels never change after registration, so they may be read before the
     * jobs' rows are locked.
     */
    static Map<String, Map<String, String>> labelsOf(JdbcTemplate jdbc, List<String> jobIds) {
        Map<String, Map<String, String>> labels = new HashMap<>();
        JobRows.eachIn(jdbc, "select job_id, label_key, label_value from job_labels where job_id", jobIds, rs -> {
            labels.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
        });
        return labels;
    }

    final Map<Key, Long> tallies = new TreeMap<>(
            Comparator.comparing(Key::instance).thenComparing(Key::kind).thenComparing(Key::status));

    final Map<EndedKey, Long> ended = new TreeMap<>(Comparator.comparingLong(EndedKey::hour)
            .thenComparing(EndedKey::instance)
            .thenComparing(EndedKey::kind)
            .thenComparing(EndedKey::status));

    final Map<LabelKey, Long> labelTallies = new TreeMap<>(Comparator.comparing(LabelKey::labelKey)
            .thenComparing(LabelKey::labelValue)
            .thenComparing(LabelKey::instance)
            .thenComparing(LabelKey::kind)
            .thenComparing(LabelKey::status)
            .thenComparing(LabelKey::stripe));

    final Map<LabelEndedKey, Long> labelEnded = new TreeMap<>(Comparator.comparing(LabelEndedKey::labelKey)
            .thenComparing(LabelEndedKey::labelValue)
            .thenComparingLong(LabelEndedKey::hour)
            .thenComparing(LabelEndedKey::instance)
            .thenComparing(LabelEndedKey::kind)
            .thenComparing(LabelEndedKey::status));

    /** The job {@code jobId} (of this instance, kind and labels) counts {@code delta} more in {@code status}. */
    TallyChanges count(
            String jobId, String instance, String kind, Map<String, String> labels, JobStatus status, long delta) {
        tallies.merge(new Key(instance, kind, status.name()), delta, Long::sum);
        short stripe = labelStripe(jobId);
        labels.forEach((key, value) ->
                labelTallies.merge(new LabelKey(key, value, instance, kind, status.name(), stripe), delta, Long::sum));
        return this;
    }

    /** The job ended at {@code finishedAt} in {@code status} counts {@code delta} more in that hour. */
    TallyChanges ended(
            Instant finishedAt,
            String instance,
            String kind,
            Map<String, String> labels,
            JobStatus status,
            long delta) {
        long hour = Math.floorDiv(finishedAt.getEpochSecond(), 3600);
        ended.merge(new EndedKey(hour, instance, kind, status.name()), delta, Long::sum);
        labels.forEach((key, value) ->
                labelEnded.merge(new LabelEndedKey(key, value, hour, instance, kind, status.name()), delta, Long::sum));
        return this;
    }

    private static final String HEX = "0123456789abcdef";

    /**
     * The stripe of a job's label tallies: the last hex digit of its id (random in the gateway's ids, version 7
     * UUIDs included), 0 for an id that does not end in one. By job, not by thread as in {@code job_tallies}: the
     * +1 of a job and its later -1 land in the same row, which falls to zero and is deleted, so rows do not pile up
     * for labels with a value per job. V8_8 computes the same in SQL for the jobs it back-fills.
     */
    static short labelStripe(String jobId) {
        return (short) Math.max(0, HEX.indexOf(jobId.charAt(jobId.length() - 1)));
    }
}
