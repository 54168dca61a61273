package io.github.alationgateway.polling;

import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.details.JobProgress;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.Outcome.LogLine;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A log entry each time a job's progress passes another tenth of the way, and none in between: a long upload
 * polled a thousand times logs ten steps, not a thousand. The previous poll's progress is read from the result
 * stored with the job, so no state is kept here and any replica decides alike.
 */
final class ProgressLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobDetailsMapper details;

    ProgressLog(JobDetailsMapper details) {
        this.details = details;
    }

    Optional<LogLine> line(Job job, JsonNode result, String status, Instant now) {
        if (!details.hasProgress(job.kind())) return Optional.empty();
        Optional<JobProgress> current = details.progress(job.kind(), result);
        if (current.isEmpty()) return Optional.empty();
        JobProgress progress = current.get();
        int before = details.progress(job.kind(), stored(job.rawResult()))
                .map(JobProgress::tenths)
                .orElse(0);
        if (progress.tenths() <= before) return Optional.empty();
        return Optional.of(new LogLine(
                now,
                "INFO",
                status,
                "Progress: " + progress.done() + " of " + progress.total() + " batches (" + progress.tenths() * 10
                        + "% or more)",
                false));
    }

    private static JsonNode stored(String rawResult) {
        if (rawResult == null) return null;
        try {
            return JSON.readTree(rawResult);
        } catch (JacksonException e) {
            return null;
        }
    }
}
