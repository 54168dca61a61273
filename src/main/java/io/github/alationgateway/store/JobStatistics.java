package io.github.alationgateway.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs by status, kind and instance for a filter. What the tallies keep (instance and kind, and the same for one
 * label, see {@link JobTallies#answering}) is read from their rows, whatever the table's size: a label's tallies
 * are a few hundred rows where its jobs may be 50,000. A filter by registration time or by two labels is counted
 * from the jobs it selects, through the list's own Specifications in one grouped query, so that the counts and
 * the list always mean the same jobs; the list's indexes bound what it reads.
 */
@Repository
public class JobStatistics {

    private final JobTallies tallies;
    private final EntityManager entities;

    JobStatistics(JobTallies tallies, EntityManager entities) {
        this.tallies = tallies;
        this.entities = entities;
    }

    /** Counts of the jobs {@code filter} selects; its status, page and position are not used. */
    @Transactional(readOnly = true)
    public JobStats stats(JobQuery filter) {
        Counts counts = new Counts();
        if (filter.visibleInstances() != null && filter.visibleInstances().isEmpty()) return counts.stats();
        for (JobStatus status : JobStatus.values()) counts.byStatus.put(status.wire(), 0L);
        JobTallies.Source source = JobTallies.answering(filter);
        if (source != JobTallies.Source.JOBS) {
            List<JobTallies.Tally> kept;
            if (source == JobTallies.Source.TALLIES) {
                kept = tallies.read(filter.visibleInstances());
            } else {
                Map.Entry<String, String> label =
                        filter.labels().entrySet().iterator().next();
                kept = tallies.readLabel(label.getKey(), label.getValue(), filter.visibleInstances());
            }
            for (JobTallies.Tally tally : kept) {
                if (filter.instance() != null && !filter.instance().equals(tally.instance())) continue;
                if (filter.kind() != null && !filter.kind().name().equals(tally.kind())) continue;
                counts.add(tally.status().wire(), tally.kind(), tally.instance(), tally.jobs());
            }
        } else {
            CriteriaBuilder cb = entities.getCriteriaBuilder();
            CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
            Root<JobEntity> job;
            Predicate where;
            if (filter.labels().isEmpty()) {
                job = query.from(JobEntity.class);
                where = JobSpecifications.matching(filter.withoutPage()).toPredicate(job, query, cb);
            } else {
                // From the label's side: "the last 24 hours of the nightly pipeline" is one range of its index.
                LabelledJobs selected = LabelledJobs.select(filter.withoutPage(), query, cb);
                job = selected.job();
                where = cb.and(selected.where().toArray(Predicate[]::new));
            }
            query.multiselect(job.get("status"), job.get("kind"), job.get("instance"), cb.count(job))
                    .groupBy(job.get("status"), job.get("kind"), job.get("instance"));
            if (where != null) query.where(where);
            for (Object[] row : entities.createQuery(query).getResultList()) {
                counts.add(JobStatus.valueOf((String) row[0]).wire(), (String) row[1], (String) row[2], (Long) row[3]);
            }
        }
        return counts.stats();
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
