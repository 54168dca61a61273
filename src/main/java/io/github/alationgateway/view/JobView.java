package io.github.alationgateway.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.alationgateway.details.JobDetails;
import io.github.alationgateway.details.JobProgress;
import io.github.alationgateway.store.JobCallback;
import io.github.alationgateway.store.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job as the API shows it. {@code chainStatus} is where the job and its follow-up jobs stand together: a
 * client is done when it is final. {@code alationTaskId} is set for a data dictionary upload (tracked through
 * Alation's task API); {@code progress} when Alation says how far the job has come, null otherwise. {@code callback} ("notify" on
 * the wire) is the job's own callback, null when it has none. {@code rawResultTruncated}: Alation's result was
 * larger than {@code gateway.poll.max-stored-result}, and {@code rawResult} (and the details read from it) is it
 * shortened to fit: lists keep their first items, texts their beginning.
 */
// The later components go beside their kin on the wire; they come last in the record so that code built
// against the earlier shape keeps compiling.
@JsonPropertyOrder({
    "id",
    "instance",
    "kind",
    "alation_job_id",
    "alation_job_name",
    "alation_task_id",
    "status",
    "status_reason",
    "progress",
    "msg",
    "raw_result",
    "raw_result_truncated"
})
public record JobView(
        String id,
        String instance,
        String kind,
        Long alationJobId,
        String alationJobName,
        JobStatus status,
        String statusReason,
        String msg,
        JsonNode rawResult,
        JobDetails details,
        Map<String, String> labels,
        String registeredBy,
        int pollCount,
        Instant registeredAt,
        Instant lastPolledAt,
        Instant nextPollAt,
        Instant finishedAt,
        String parentId,
        List<String> followUpIds,
        JobStatus chainStatus,
        String alationTaskId,
        JobProgress progress,
        @JsonProperty("notify") JobCallback callback,
        boolean rawResultTruncated) {

    /** A job of Alation's job API that says nothing of its progress. */
    public JobView(
            String id,
            String instance,
            String kind,
            Long alationJobId,
            String alationJobName,
            JobStatus status,
            String statusReason,
            String msg,
            JsonNode rawResult,
            JobDetails details,
            Map<String, String> labels,
            String registeredBy,
            int pollCount,
            Instant registeredAt,
            Instant lastPolledAt,
            Instant nextPollAt,
            Instant finishedAt,
            String parentId,
            List<String> followUpIds,
            JobStatus chainStatus) {
        this(
                id,
                instance,
                kind,
                alationJobId,
                alationJobName,
                status,
                statusReason,
                msg,
                rawResult,
                details,
                labels,
                registeredBy,
                pollCount,
                registeredAt,
                lastPolledAt,
                nextPollAt,
                finishedAt,
                parentId,
                followUpIds,
                chainStatus,
                null,
                null,
                null,
                false);
    }
}
