package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Turns one answer of the job status API into a {@link JobStatusAnswer}. 401 is the caller's (token renewal). */
final class StatusAnswers {

    private final ObjectMapper json;
    private final Clock clock;

    StatusAnswers(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    JobStatusAnswer read(AlationAnswer response, AlationJobRef job) {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return statusDocument(response);
        }
        if (code == 404) {
            // A proxy or a wrong base-url answers 404 with an HTML page for every job: that is not Alation saying
            // it does not know this job, and must not end the job.
            if (isHtml(response)) {
                return new JobStatusAnswer.Unavailable("answer is not JSON (HTTP 404, text/html); is base-url right?");
            }
            return new JobStatusAnswer.NotFound("Alation does not know " + job + " (HTTP 404)");
        }
        if (code == 403) {
            return new JobStatusAnswer.CredentialsRejected(
                    "Alation refused access with HTTP 403: the user behind the credentials may not read jobs");
        }
        if (code == 429) {
            Duration wait = RetryAfter.orDefault(response, clock);
            return new JobStatusAnswer.Throttled(
                    wait, "Alation answered HTTP 429 (too many requests); retry after " + Durations.text(wait));
        }
        if (code == 503) {
            Duration wait = RetryAfter.of(response, clock).orElse(null);
            if (wait != null) {
                return new JobStatusAnswer.Unavailable(
                        "Alation answered HTTP 503 and asked to retry after " + Durations.text(wait));
            }
        }
        return new JobStatusAnswer.Unavailable("Alation answered HTTP " + code);
    }

    private JobStatusAnswer statusDocument(AlationAnswer response) {
        if (isHtml(response)) {
            return new JobStatusAnswer.Unavailable("answer is not JSON (text/html)");
        }
        JsonNode doc;
        try {
            doc = json.readTree(response.body());
        } catch (JacksonException e) {
            return new JobStatusAnswer.Unavailable("answer is not JSON (" + contentType(response) + ")");
        }
        if (doc == null || !doc.isObject()) {
            return new JobStatusAnswer.Unavailable("answer is not a job status document (not a JSON object)");
        }
        JsonNode status = doc.get("status");
        if (status == null || !status.isString() || status.asString().isBlank()) {
            return new JobStatusAnswer.Unavailable("answer is not a job status document (no status)");
        }
        JsonNode msg = doc.get("msg");
        JsonNode result = doc.get("result");
        return new JobStatusAnswer.Status(
                status.asString(),
                msg == null || msg.isNull() ? null : msg.isString() ? msg.asString() : msg.toString(),
                result == null || result.isNull() ? null : result);
    }

    private static boolean isHtml(AlationAnswer response) {
        return contentType(response).contains("html");
    }

    static String contentType(AlationAnswer response) {
        String type = response.header("Content-Type").orElse("no content type");
        int parameters = type.indexOf(';');
        return (parameters >= 0 ? type.substring(0, parameters) : type).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
