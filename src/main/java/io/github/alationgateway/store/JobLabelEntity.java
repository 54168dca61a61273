package io.github.alationgateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.Serializable;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * One label of a job ({@code job_labels}). A plain entity rather than a collection on {@link JobEntity}: labels
 * are read for a whole page of jobs in one statement ({@link JobLabelRepository#findByJobIdIn}), never job by
 * job, so nothing can load them lazily one job at a time.
 */
@Entity
@Table(name = "job_labels")
@IdClass(JobLabelEntity.Key.class)
final class JobLabelEntity implements Persistable<JobLabelEntity.Key> {

    record Key(String jobId, String labelKey) implements Serializable {}

    @Id
    @Column(name = "job_id")
    private String jobId;

    @Id
    @Column(name = "label_key")
    private String labelKey;

    @Column(name = "label_value")
    private String labelValue;

    /** The job's registration time, copied: a label filter reads its jobs in the list's order from one index. */
    @Column(name = "registered_at")
    private Instant registeredAt;

    @Transient
    private boolean fresh;

    protected JobLabelEntity() {}

    JobLabelEntity(String jobId, String key, String value, Instant registeredAt) {
        this.jobId = jobId;
        this.labelKey = key;
        this.labelValue = value;
        this.registeredAt = JobRows.micros(registeredAt);
        this.fresh = true;
    }

    String jobId() {
        return jobId;
    }

    String key() {
        return labelKey;
    }

    String value() {
        return labelValue;
    }

    @Override
    public Key getId() {
        return new Key(jobId, labelKey);
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
