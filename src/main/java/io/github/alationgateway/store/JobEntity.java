package io.github.alationgateway.store;

import io.github.alationgateway.details.JobKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * The {@code jobs} table as JPA sees it, for registration and reads. Flyway owns the table; Hibernate only
 * validates this mapping against it. The poller's claim and outcome writes change these rows in hand-written
 * SQL (see package-info), so an entity is never kept across transactions: it is read, turned into a {@link Job},
 * and dropped.
 *
 * <p>{@code kind} and {@code status} stay strings here: a row written by a newer gateway with a kind this one
 * does not know must still be readable ({@link #toJob()} falls back to GENERIC, as the JDBC reads did).
 */
@Entity
@Table(name = "jobs")
final class JobEntity implements Persistable<String> {

    @Id
    private String id;

    private String instance;

    @Column(name = "alation_key")
    private String alationKey;

    @Column(name = "alation_job_id")
    private Long alationJobId;

    @Column(name = "alation_job_name")
    private String alationJobName;

    @Column(name = "alation_task_id")
    private String alationTaskId;

    private String kind;
    private String status;

    @Column(name = "alation_status")
    private String alationStatus;

    @Column(name = "status_reason")
    private String statusReason;

    private String msg;

    @Column(name = "raw_result")
    private String rawResult;

    @Column(name = "raw_result_truncated")
    private boolean rawResultTruncated;

    @Column(name = "registered_by")
    private String registeredBy;

    @Column(name = "poll_count")
    private int pollCount;

    @Column(name = "failure_count")
    private int failureCount;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "last_polled_at")
    private Instant lastPolledAt;

    @Column(name = "next_poll_at")
    private Instant nextPollAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "parent_id")
    private String parentId;

    @Column(name = "lease_owner")
    private String leaseOwner;

    /** Not JPA's @Version: the claim and outcome SQL own it, and JPA never updates a job row. */
    private long version;

    /** The id is assigned before insert, so Spring Data cannot tell a new job from its id: persist, never merge. */
    @Transient
    private boolean fresh;

    protected JobEntity() {}

    /** A job about to be registered: pending, due at once. Times are cut to what the databases keep. */
    static JobEntity registered(String id, NewJob job) {
        JobEntity e = new JobEntity();
        e.id = id;
        e.instance = job.instance();
        e.alationKey = job.ref().key();
        e.alationJobId = job.ref().id();
        e.alationJobName = job.ref().name();
        e.alationTaskId = job.ref().taskId();
        e.kind = job.kind().name();
        e.status = JobStatus.PENDING.name();
        e.registeredBy = job.registeredBy();
        e.registeredAt = JobRows.micros(job.registeredAt());
        e.nextPollAt = e.registeredAt;
        e.parentId = job.parentId();
        e.fresh = true;
        return e;
    }

    Job toJob() {
        return new Job(
                id,
                instance,
                JobKind.parse(kind).orElse(JobKind.GENERIC),
                alationJobId,
                alationJobName,
                JobStatus.valueOf(status),
                alationStatus,
                statusReason,
                msg,
                rawResult,
                registeredBy,
                pollCount,
                failureCount,
                lastError,
                registeredAt,
                lastPolledAt,
                nextPollAt,
                finishedAt,
                parentId,
                leaseOwner,
                version,
                alationTaskId,
                rawResultTruncated);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }
}
