package io.github.alationgateway.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A page of the job list filtered by label, read from the label's side. Each label row carries its job's
 * registration time, and {@code ix_job_labels_value} orders a label's rows as the list orders jobs (V8_7). The page
 * joins one label's rows to their jobs and orders by the label row's copy of that order, so the database reads one
 * range of the index and stops after the page. The list's other filters, other labels included, come from the
 * same Specifications as every other page ({@link JobSpecifications}).
 *
 * <p>Its own Criteria query, not Spring Data's scrolling: scrolling orders by the root entity's attributes, and
 * ordered by the job's own registration time the database cannot know that the label's index gives that order.
 */
@Component
class LabelledPages {

    private final EntityManager entities;

    LabelledPages(EntityManager entities) {
        this.entities = entities;
    }

    /** The query's page, newest first, after its position. {@code query} has at least one label. */
    @Transactional(readOnly = true)
    public List<JobEntity> page(JobQuery query) {
        Map<String, String> others = new LinkedHashMap<>(query.labels());
        Map.Entry<String, String> driving = others.entrySet().iterator().next();
        others.remove(driving.getKey());

        CriteriaBuilder cb = entities.getCriteriaBuilder();
        CriteriaQuery<JobEntity> page = cb.createQuery(JobEntity.class);
        Root<JobLabelEntity> label = page.from(JobLabelEntity.class);
        Root<JobEntity> job = page.from(JobEntity.class);
        Path<Instant> at = label.get("registeredAt");
        Path<String> id = label.get("jobId");

        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(label.get("labelKey"), driving.getKey()));
        where.add(cb.equal(label.get("labelValue"), driving.getValue()));
        where.add(cb.equal(job.get("id"), id));
        // Registration times bound the index range here, on the label's copy, rather than on the job.
        if (query.registeredAfter() != null) {
            where.add(cb.greaterThanOrEqualTo(at, JobRows.micros(query.registeredAfter())));
        }
        if (query.registeredBefore() != null) where.add(cb.lessThan(at, JobRows.micros(query.registeredBefore())));
        if (query.after() != null) {
            Instant last = JobRows.micros(query.after().registeredAt());
            // The first is redundant with the second, and there for the planner: an OR is no index bound.
            where.add(cb.lessThanOrEqualTo(at, last));
            where.add(cb.or(
                    cb.lessThan(at, last),
                    cb.and(cb.equal(at, last), cb.lessThan(id, query.after().id()))));
        }
        Predicate rest =
                JobSpecifications.matching(withoutLabelAndTimes(query, others)).toPredicate(job, page, cb);
        if (rest != null) where.add(rest);

        page.select(job).where(where.toArray(Predicate[]::new)).orderBy(cb.desc(at), cb.desc(id));
        return entities.createQuery(page).setMaxResults(query.pageSize()).getResultList();
    }

    /** The filters left for the job's side: everything but the driving label, the times and the position. */
    private static JobQuery withoutLabelAndTimes(JobQuery query, Map<String, String> otherLabels) {
        return new JobQuery(
                query.status(),
                query.kind(),
                query.instance(),
                query.alationJobId(),
                query.alationJobName(),
                otherLabels,
                null,
                null,
                null,
                query.pageSize(),
                query.visibleInstances(),
                query.alationTaskId());
    }
}
