package io.github.alationgateway.waiting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The waits' share of {@code gateway.events.*}: how long a client may wait for a job in one call, and how often
 * this replica looks whether waited jobs have ended.
 */
@ConfigurationProperties("gateway.events")
record WaitProperties(
        @DefaultValue("120s") Duration maxWait,
        @DefaultValue("250ms") Duration waitCheckInterval) {

    WaitProperties {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("gateway.events.max-wait must be positive");
        }
        // Waits are answered within this much of their job's end (plus one query): a second at most, as promised.
        if (waitCheckInterval.isNegative()
                || waitCheckInterval.isZero()
                || waitCheckInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("gateway.events.wait-check-interval must be between 1ms and 1s");
        }
    }
}
