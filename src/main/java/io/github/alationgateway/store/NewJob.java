package io.github.alationgateway.store;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import java.time.Instant;
import java.util.Map;

/** A job about to be registered: it is due at once, so that its first poll does not wait for the interval. */
public record NewJob(
        String instance,
        AlationJobRef ref,
        JobKind kind,
        Map<String, String> labels,
        String registeredBy,
        String parentId,
        Instant registeredAt) {}
