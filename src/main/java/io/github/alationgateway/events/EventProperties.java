package io.github.alationgateway.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.events.*}.
 *
 * <ul>
 *   <li>{@code retention} (7d): how long events, and their webhook deliveries, are kept.
 * </ul>
 */
@ConfigurationProperties("gateway.events")
public record EventProperties(@DefaultValue("7d") Duration retention) {

    public EventProperties {
        if (retention == null) retention = Duration.ofDays(7);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("gateway.events.retention must be positive, was " + retention);
        }
    }
}
