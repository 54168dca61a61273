package io.github.alationgateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The default schedule, step by step, at a time the test sets: no test waits hours for a retry. */
class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static RetrySchedule schedule(double random) {
        WebhookProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("gateway.webhooks", WebhookProperties.class);
        return new RetrySchedule(defaults.retrySchedule(), () -> random);
    }

    @Test
    void theNthFailureWaitsTheNthStepThenTheDeliveryHasFailed() {
        RetrySchedule exact = schedule(0.5);
        Duration[] expected = {
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(14),
            Duration.ofHours(20),
            Duration.ofHours(24)
        };
        for (int failed = 1; failed <= expected.length; failed++) {
            assertThat(exact.next(failed, NOW))
                    .as("after %d failed attempts", failed)
                    .contains(NOW.plus(expected[failed - 1]));
        }
        assertThat(exact.next(10, NOW)).as("ten attempts made: no more").isEmpty();
        assertThat(exact.attempts()).isEqualTo(10);
    }

    @Test
    void eachStepIsJitteredByAtMostTenPercent() {
        assertThat(schedule(0.0).next(4, NOW)).contains(NOW.plus(Duration.ofMinutes(108)));
        assertThat(schedule(1.0).next(4, NOW)).contains(NOW.plus(Duration.ofMinutes(132)));
        assertThat(schedule(0.25).next(1, NOW)).contains(NOW.plusMillis(4_750));
    }
}
