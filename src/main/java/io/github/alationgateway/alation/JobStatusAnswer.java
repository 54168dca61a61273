package io.github.alationgateway.alation;

import tools.jackson.databind.JsonNode;

/**
 * What one call to Alation's job status API told us. A sealed set so that the poller has to decide what each
 * answer means for the job.
 */
public sealed interface JobStatusAnswer {

    /** Alation answered with a job status document. {@code result} is exactly what Alation sent (may be null). */
    record Status(String status, String msg, JsonNode result) implements JobStatusAnswer {}

    /** Alation does not know the job (yet): right after a job starts it can be briefly invisible. */
    record NotFound(String detail) implements JobStatusAnswer {}

    /** A fault outside the job: 5xx, timeout, refused connection, an answer that is not a job status. */
    record Unavailable(String reason) implements JobStatusAnswer {}

    /** Alation (or the gateway's own per-instance limits) asked us to wait before calling again. */
    record Throttled(java.time.Duration retryAfter, String reason) implements JobStatusAnswer {}

    /** The instance's credentials are missing or Alation rejects them even after minting a fresh token. */
    record CredentialsRejected(String reason) implements JobStatusAnswer {}
}
