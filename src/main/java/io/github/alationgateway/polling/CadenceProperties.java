package io.github.alationgateway.polling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.poll.cadence} and {@code gateway.poll.min-interval}: how running jobs are spaced. The other
 * {@code gateway.poll.*} settings belong to {@link PollProperties}.
 *
 * @param cadence {@code learned}: poll when an end is likely, from how long past jobs of the kind took on the
 *     instance, within the instance's calls per second; {@code fixed}: every {@code interval}, growing with the
 *     job's age up to {@code max-interval}
 * @param minInterval the shortest wait between two polls of a job under the learned cadence
 */
@ConfigurationProperties("gateway.poll")
public record CadenceProperties(
        @DefaultValue("learned") Mode cadence,
        @DefaultValue("500ms") Duration minInterval) {

    public enum Mode {
        LEARNED,
        FIXED
    }

    public CadenceProperties {
        if (minInterval.isNegative() || minInterval.isZero())
            throw new IllegalArgumentException("gateway.poll.min-interval must be positive");
    }
}
