package io.github.alationgateway.store;

import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.jpa.domain.Specification;

/**
 * The job list's filters as Spring Data Specifications: each filter of {@link JobQuery} is one small
 * specification, and a query is all of those it sets. Every combination is a conjunction of equalities and
 * ranges on indexed columns (see the V8 migrations), ordered by {@code registered_at desc, id desc}.
 */
final class JobSpecifications {

    private JobSpecifications() {}

    static Specification<JobEntity> matching(JobQuery query) {
        List<Specification<JobEntity>> all = new ArrayList<>();
        if (query.status() != null) all.add(equal("status", query.status().name()));
        if (query.kind() != null) all.add(equal("kind", query.kind().name()));
        if (query.instance() != null) all.add(equal("instance", query.instance()));
        if (query.alationJobId() != null) all.add(equal("alationJobId", query.alationJobId()));
        if (query.alationJobName() != null) all.add(named(query.alationJobName()));
        if (query.alationTaskId() != null) all.add(equal("alationTaskId", query.alationTaskId()));
        if (query.registeredAfter() != null) all.add(registeredFrom(query.registeredAfter()));
        if (query.registeredBefore() != null) all.add(registeredBefore(query.registeredBefore()));
        if (query.visibleInstances() != null) {
            all.add((root, q, cb) -> root.get("instance").in(query.visibleInstances()));
        }
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            all.add(labelled(label.getKey(), label.getValue()));
        }
        if (query.after() != null) all.add(notAfter(query.after().registeredAt()));
        return Specification.allOf(all);
    }

    private static Specification<JobEntity> equal(String attribute, Object value) {
        return (root, q, cb) -> cb.equal(root.get(attribute), value);
    }

    /**
     * Alation's job name, exactly; or, ending in {@code *}, every name that starts with what comes before it
     * ({@code MetadataExtraction#*}). The prefix is a LIKE with its own wildcards escaped, which the name's
     * pattern-ops index serves on PostgreSQL.
     */
    static Specification<JobEntity> named(String name) {
        if (!name.endsWith(PREFIX_MARK)) return equal("alationJobName", name);
        String prefix = name.substring(0, name.length() - PREFIX_MARK.length());
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return (root, q, cb) -> cb.like(root.get("alationJobName"), pattern, '\\');
    }

    /** What ends a name filter that asks for a prefix. */
    static final String PREFIX_MARK = "*";

    private static Specification<JobEntity> registeredFrom(Instant from) {
        return (root, q, cb) -> cb.greaterThanOrEqualTo(root.get("registeredAt"), JobRows.micros(from));
    }

    private static Specification<JobEntity> registeredBefore(Instant before) {
        return (root, q, cb) -> cb.lessThan(root.get("registeredAt"), JobRows.micros(before));
    }

    /**
     * Redundant with the keyset condition Spring Data's scrolling adds ({@code registered_at < ? or
     * (registered_at = ? and id < ?)}), and there for the planner: an OR is no index bound, this is. Without it
     * page 40 walks the 20,000 jobs of the pages before it.
     */
    private static Specification<JobEntity> notAfter(Instant at) {
        return (root, q, cb) -> cb.lessThanOrEqualTo(root.get("registeredAt"), JobRows.micros(at));
    }

    /**
     * An EXISTS on the label's primary key (job_id, label_key): one index probe per candidate job. A query's first
     * label is read from the label's side instead ({@link LabelledJobs}); this serves the labels after it.
     */
    static Specification<JobEntity> labelled(String key, String value) {
        return (root, q, cb) -> {
            Subquery<Integer> label = q.subquery(Integer.class);
            Root<JobLabelEntity> l = label.from(JobLabelEntity.class);
            label.select(cb.literal(1))
                    .where(
                            cb.equal(l.get("jobId"), root.get("id")),
                            cb.equal(l.get("labelKey"), key),
                            cb.equal(l.get("labelValue"), value));
            return cb.exists(label);
        };
    }
}
