package io.github.alationgateway.details;

import java.util.Locale;
import java.util.Optional;

/** The Alation call that started a job; decides which data class its details take. */
public enum JobKind {
    GENERIC("JobDetails");

    private final String dataClass;

    JobKind(String dataClass) {
        this.dataClass = dataClass;
    }

    /** Allie-SDK's name for the data class of this kind's job details. */
    public String dataClass() {
        return dataClass;
    }

    public static Optional<JobKind> parse(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The kind of job a call to Alation starts; GENERIC for calls the gateway has no data class for. */
    public static JobKind fromCall(String method, String endpoint) {
        return GENERIC;
    }
}
