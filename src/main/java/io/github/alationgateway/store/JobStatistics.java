package io.github.alationgateway.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs by status, kind and instance for a filter. What the tallies keep (instance and kind, and the same for one
 * label, see {@link JobTallies#answering}) is read from their rows, whatever the table's size: a label's tallies
 * are a few hundred rows where its jobs may be 50,000. A filter by registration time alone is counted from the
 * jobs it selects, through the list's own Specifications in one grouped query, so that the counts and the list
 * always mean the same jobs; the list's indexes bound what it reads. One with labels the tallies do not answer (a
 * registration time, or two labels) is counted from the first label's rows by {@link LabelledCounts}, which the
 * stats API's {@link #report} also reads the ended hours from, in the same pass.
 */
@Repository
public class JobStatistics {

    private final JobTallies tallies;
    private final EntityManager entities;
    private final LabelledCounts labelled;
    private final EndedJobs ended;
    private final Clock clock;

    JobStatistics(JobTallies tallies, EntityManager entities, LabelledCounts labelled, EndedJobs ended, Clock clock) {
        this.tallies = tallies;
        this.entities = entities;
        this.labelled = labelled;
        this.ended = ended;
        this.clock = clock;
    }

    /** The counts of a filter's jobs, and those of them that ended in each hour of a window, the current one last. */
    public record Report(JobStats counts, List<EndedJobs.EndedHour> endedPerHour) {}

    /**
     * The stats API's answer: counts of the jobs {@code filter} selects and how many ended in each of the last
     * {@code hours} (1 to {@link EndedJobs#MAX_HOURS}). A filter with labels that no tallies keep is read in one pass
     * over its jobs ({@link LabelledCounts}); the others from the tallies and roll-ups, or the jobs, as each half
     * reads them alone.
     */
    @Transactional(readOnly = true)
    public Report report(JobQuery filter, int hours) {
        EndedJobs.checkWindow(hours);
        boolean nothingVisible =
                filter.visibleInstances() != null && filter.visibleInstances().isEmpty();
        if (!LabelledCounts.answers(filter) || nothingVisible) {
            return new Report(stats(filter), ended.lastHours(filter, hours));
        }
        Instant first = EndedJobs.firstHour(clock.instant(), hours);
        Counts counts = new Counts();
        for (JobStatus status : JobStatus.values()) counts.byStatus.put(status.wire(), 0L);
        List<EndedJobs.HourCount> ends = new ArrayList<>();
        for (LabelledCounts.Count count : labelled.count(filter, first, first.plus(Duration.ofHours(hours)))) {
            counts.add(count.status().wire(), count.kind(), count.instance(), count.jobs());
            if (count.endedHour() != null) {
                ends.add(new EndedJobs.HourCount(count.endedHour(), count.status(), count.jobs()));
            }
        }
        return new Report(counts.stats(), EndedJobs.window(first, hours, ends));
    }

    /** Counts of the jobs {@code filter} selects; its status, page and position are not used. */
    @Transactional(readOnly = true)
    public JobStats stats(JobQuery filter) {
        Counts counts = new Counts();
        if (filter.visibleInstances() != null && filter.visibleInstances().isEmpty()) return counts.stats();
        for (JobStatus status : JobStatus.values()) counts.byStatus.put(status.wire(), 0L);
        JobTallies.Source source = JobTallies.answering(filter);
        if (LabelledCounts.answers(filter)) {
            // An empty window: counts only.
            for (LabelledCounts.Count count : labelled.count(filter, Instant.EPOCH, Instant.EPOCH)) {
                counts.add(count.status().wire(), count.kind(), count.instance(), count.jobs());
            }
        } else if (source == JobTallies.Source.TALLIES) {
            kept(filter, counts, tallies.read(filter.visibleInstances()));
        } else if (source == JobTallies.Source.LABEL_TALLIES) {
            Map.Entry<String, String> label =
                    filter.labels().entrySet().iterator().next();
            kept(filter, counts, tallies.readLabel(label.getKey(), label.getValue(), filter.visibleInstances()));
        } else {
            CriteriaBuilder cb = entities.getCriteriaBuilder();
            CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
            Root<JobEntity> job = query.from(JobEntity.class);
            Predicate where = JobSpecifications.matching(filter.withoutPage()).toPredicate(job, query, cb);
            query.multiselect(job.get("status"), job.get("kind"), job.get("instance"), cb.count(job))
                    .groupBy(job.get("status"), job.get("kind"), job.get("instance"));
            if (where != null) query.where(where);
            for (Object[] row : entities.createQuery(query).getResultList()) {
                counts.add(JobStatus.valueOf((String) row[0]).wire(), (String) row[1], (String) row[2], (Long) row[3]);
            }
        }
        return counts.stats();
    }

    /** Adds the kept tallies that the filter's instance and kind select (the tallies are read by key's instances). */
    private static void kept(JobQuery filter, Counts counts, List<JobTallies.Tally> tallies) {
        for (JobTallies.Tally tally : tallies) {
            if (filter.instance() != null && !filter.instance().equals(tally.instance())) continue;
            if (filter.kind() != null && !filter.kind().name().equals(tally.kind())) continue;
            counts.add(tally.status().wire(), tally.kind(), tally.instance(), tally.jobs());
        }
    }

    private static final class Counts {
        final Map<String, Long> byStatus = new TreeMap<>();
        final Map<String, Long> byKind = new TreeMap<>();
        final Map<String, Long> byInstance = new TreeMap<>();

        void add(String status, String kind, String instance, long jobs) {
            byStatus.merge(status, jobs, Long::sum);
            byKind.merge(kind, jobs, Long::sum);
            byInstance.merge(instance, jobs, Long::sum);
        }

        JobStats stats() {
            return new JobStats(byStatus, byKind, byInstance);
        }
    }
}
