package io.github.alationgateway.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a delivery again: step {@code n} of {@code gateway.webhooks.retry-schedule} after the n-th failed
 * attempt, each within ±10 % so that many deliveries failing together do not come back together. Step 0 is the
 * first attempt itself; after the last step the delivery has failed.
 */
final class RetrySchedule {

    private final List<Duration> steps;
    private final DoubleSupplier random;

    RetrySchedule(List<Duration> steps, DoubleSupplier random) {
        this.steps = List.copyOf(steps);
        this.random = random;
    }

    /** When to try after {@code attempts} failed attempts; empty once the schedule is used up. */
    Optional<Instant> next(int attempts, Instant now) {
        if (attempts >= steps.size()) return Optional.empty();
        long millis = steps.get(attempts).toMillis();
        double factor = 0.9 + 0.2 * random.getAsDouble();
        return Optional.of(now.plusMillis(Math.round(millis * factor)));
    }

    int attempts() {
        return steps.size();
    }
}
