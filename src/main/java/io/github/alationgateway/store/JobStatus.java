package io.github.alationgateway.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where the gateway stands with a job. Everything but PENDING and RUNNING ends tracking. */
public enum JobStatus {
    PENDING,
    RUNNING,
    SUCCESSFUL,
    PARTIALLY_SUCCESSFUL,
    FAILED,
    EXPIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    public static Optional<JobStatus> parse(String value) {
        if (value == null) return Optional.empty();
        for (JobStatus status : values()) {
            if (status.wire().equalsIgnoreCase(value.trim())) return Optional.of(status);
        }
        return Optional.empty();
    }
}
