package io.github.alationgateway.alation;

/** The kind of a {@link JobStatusAnswer}, as metrics and health name it. */
enum PollOutcome {
    STATUS("status"),
    NOT_FOUND("not_found"),
    UNAVAILABLE("unavailable"),
    UNREADABLE("unreadable"),
    THROTTLED("throttled"),
    DEFERRED("deferred"),
    CREDENTIALS_REJECTED("credentials_rejected");

    private final String tag;

    PollOutcome(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    // instanceof chain: switch over sealed types needs Java 21.
    static PollOutcome of(JobStatusAnswer answer) {
        if (answer instanceof JobStatusAnswer.Status) {
            return STATUS;
        }
        if (answer instanceof JobStatusAnswer.NotFound) {
            return NOT_FOUND;
        }
        if (answer instanceof JobStatusAnswer.Deferred) {
            return DEFERRED;
        }
        if (answer instanceof JobStatusAnswer.Throttled) {
            return THROTTLED;
        }
        if (answer instanceof JobStatusAnswer.CredentialsRejected) {
            return CREDENTIALS_REJECTED;
        }
        if (answer instanceof JobStatusAnswer.Unreadable) {
            return UNREADABLE;
        }
        return UNAVAILABLE;
    }

    static String reason(JobStatusAnswer answer) {
        if (answer instanceof JobStatusAnswer.NotFound notFound) {
            return notFound.detail();
        }
        if (answer instanceof JobStatusAnswer.Unavailable unavailable) {
            return unavailable.reason();
        }
        if (answer instanceof JobStatusAnswer.Unreadable unreadable) {
            return unreadable.reason();
        }
        if (answer instanceof JobStatusAnswer.Throttled throttled) {
            return throttled.reason();
        }
        if (answer instanceof JobStatusAnswer.Deferred deferred) {
            return deferred.reason();
        }
        if (answer instanceof JobStatusAnswer.CredentialsRejected rejected) {
            return rejected.reason();
        }
        return null;
    }
}
