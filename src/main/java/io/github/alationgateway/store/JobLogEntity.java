package io.github.alationgateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One line of a job's history ({@code job_logs}). Registration writes the first line through JPA; the poller's
 * lines (and the folding of repeated errors) are written in batches by {@link Outcomes}, in SQL.
 */
@Entity
@Table(name = "job_logs")
final class JobLogEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id")
    private String jobId;

    private Instant at;

    @Column(name = "last_at")
    private Instant lastAt;

    private String level;
    private String status;
    private String message;

    @Column(name = "repeat_count")
    private int repeatCount;

    protected JobLogEntity() {}

    JobLogEntity(String jobId, Instant at, String level, String status, String message) {
        this.jobId = jobId;
        this.at = JobRows.micros(at);
        this.lastAt = this.at;
        this.level = level;
        this.status = status;
        this.message = JobLogEntry.fit(message);
        this.repeatCount = 1;
    }

    JobLogEntry toEntry() {
        return new JobLogEntry(at, level, status, message, repeatCount, lastAt);
    }
}
