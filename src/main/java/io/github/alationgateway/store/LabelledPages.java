package io.github.alationgateway.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A page of the job list filtered by label, read from the label's side ({@link LabelledJobs}): ordered by the
 * label row's copy of the list's order, so that the database reads one range of {@code ix_job_labels_value} and
 * stops after the page.
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
        CriteriaBuilder cb = entities.getCriteriaBuilder();
        CriteriaQuery<JobEntity> page = cb.createQuery(JobEntity.class);
        LabelledJobs selected = LabelledJobs.select(query, page, cb);
        Path<Instant> at = selected.label().get("registeredAt");
        Path<String> id = selected.label().get("jobId");
        List<Predicate> where = selected.where();
        if (query.after() != null) {
            Instant last = JobRows.micros(query.after().registeredAt());
            // The first is redundant with the second, and there for the planner: an OR is no index bound.
            where.add(cb.lessThanOrEqualTo(at, last));
            where.add(cb.or(
                    cb.lessThan(at, last),
                    cb.and(cb.equal(at, last), cb.lessThan(id, query.after().id()))));
        }
        // The label's key and value lead the order although the conditions fix them: H2 reads an index in order
        // only for an ORDER BY that starts with the index's first columns; PostgreSQL needs no telling.
        page.select(selected.job())
                .where(where.toArray(Predicate[]::new))
                .orderBy(
                        cb.asc(selected.label().get("labelKey")),
                        cb.asc(selected.label().get("labelValue")),
                        cb.desc(at),
                        cb.desc(id));
        return entities.createQuery(page).setMaxResults(query.pageSize()).getResultList();
    }
}
