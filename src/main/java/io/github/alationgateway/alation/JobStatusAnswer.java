package io.github.alationgateway.alation;

import java.time.Duration;
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

    /**
     * Alation answered about this job, but the answer cannot be taken in: larger than
     * {@code gateway.poll.max-answer-size}. The job backs off on its own; the instance is not at fault.
     */
    record Unreadable(String reason) implements JobStatusAnswer {}

    /** Alation answered 429: the whole instance waits {@code retryAfter} before it is called again. */
    record Throttled(Duration retryAfter, String reason) implements JobStatusAnswer {}

    /**
     * The gateway held the call back itself and sent nothing: the instance is paused after a 429, or at its
     * concurrency or rate limit. Not a fault of the job; poll it again after {@code retryAfter}.
     */
    record Deferred(Duration retryAfter, String reason) implements JobStatusAnswer {}

    /** The instance's credentials are missing or Alation rejects them even after minting a fresh token. */
    record CredentialsRejected(String reason) implements JobStatusAnswer {}
}
