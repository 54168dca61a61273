package io.github.alationgateway.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.alationgateway.details.JobDetails;
import io.github.alationgateway.store.JobCallback;
import io.github.alationgateway.store.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job as the API shows it. {@code chainStatus} is where the job and its follow-up jobs stand together: a
 * client is done when it is final. {@code callback} ("notify" on the wire) is the job's own callback, null when it has none.
 */
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
        @JsonProperty("notify") JobCallback callback) {}
