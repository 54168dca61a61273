package io.github.alationgateway.store;

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

/**
 * The jobs a query with a label selects, read from the label's side: one label's rows joined to their jobs. Each
 * label row carries its job's registration time (V8_7), and {@code ix_job_labels_value} is (key, value,
 * registered_at desc, job_id desc): a label and a registration time range are one range of that index, whatever
 * the table's size. The query's other filters, other labels included, apply to the job as everywhere else
 * ({@link JobSpecifications}). Pages ({@link LabelledPages}) read so; the stats count the same jobs in SQL
 * ({@link LabelledCounts}).
 *
 * @param label the driving label's rows
 * @param job their jobs
 * @param where every condition of the query but the page's position; the caller may add to it
 */
record LabelledJobs(Root<JobLabelEntity> label, Root<JobEntity> job, List<Predicate> where) {

    /** {@code query} has at least one label; its first drives. */
    static LabelledJobs select(JobQuery query, CriteriaQuery<?> criteria, CriteriaBuilder cb) {
        Map<String, String> others = new LinkedHashMap<>(query.labels());
        Map.Entry<String, String> driving = others.entrySet().iterator().next();
        others.remove(driving.getKey());

        Root<JobLabelEntity> label = criteria.from(JobLabelEntity.class);
        Root<JobEntity> job = criteria.from(JobEntity.class);
        Path<Instant> at = label.get("registeredAt");
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(label.get("labelKey"), driving.getKey()));
        where.add(cb.equal(label.get("labelValue"), driving.getValue()));
        where.add(cb.equal(job.get("id"), label.get("jobId")));
        // Registration times bound the index range here, on the label's copy, rather than on the job.
        if (query.registeredAfter() != null) {
            where.add(cb.greaterThanOrEqualTo(at, JobRows.micros(query.registeredAfter())));
        }
        if (query.registeredBefore() != null) where.add(cb.lessThan(at, JobRows.micros(query.registeredBefore())));
        Predicate rest = JobSpecifications.matching(query.onTheJob(others)).toPredicate(job, criteria, cb);
        if (rest != null) where.add(rest);
        return new LabelledJobs(label, job, where);
    }
}
