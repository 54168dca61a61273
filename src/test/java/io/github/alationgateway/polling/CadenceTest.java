package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.Job;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-29T08:00:00Z");
    private static final Job JOB = Jobs.running("job-1", "default", JobKind.GENERIC, REGISTERED, null);

    private static Cadence cadence(double random) {
        return new Cadence(Duration.ofSeconds(3), Duration.ofSeconds(60), () -> random);
    }

    private static long millisAfter(Instant now, Instant next) {
        return Duration.between(now, next).toMillis();
    }

    @Test
    void aYoungJobIsPolledEveryIntervalWithTenPercentJitter() {
        Instant now = REGISTERED.plusSeconds(10);
        assertThat(millisAfter(now, cadence(0.0).regular(JOB, now))).isEqualTo(2700);
        assertThat(millisAfter(now, cadence(0.5).regular(JOB, now))).isEqualTo(3000);
        assertThat(millisAfter(now, cadence(1.0).regular(JOB, now))).isEqualTo(3300);
    }

    @Test
    void theIntervalStretchesWithAgeUpToTheMaximum() {
        Instant fiveMinutes = REGISTERED.plus(Duration.ofMinutes(5));
        assertThat(millisAfter(fiveMinutes, cadence(0.5).regular(JOB, fiveMinutes)))
                .isEqualTo(15_000);
        Instant twoHours = REGISTERED.plus(Duration.ofHours(2));
        assertThat(millisAfter(twoHours, cadence(0.5).regular(JOB, twoHours))).isEqualTo(60_000);
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximumWithJitter() {
        Instant now = REGISTERED;
        assertThat(millisAfter(now, cadence(1.0).backoff(1, now))).isEqualTo(3_000);
        assertThat(millisAfter(now, cadence(1.0).backoff(2, now))).isEqualTo(6_000);
        assertThat(millisAfter(now, cadence(1.0).backoff(4, now))).isEqualTo(24_000);
        assertThat(millisAfter(now, cadence(1.0).backoff(30, now))).isEqualTo(60_000);
        assertThat(millisAfter(now, cadence(0.0).backoff(4, now))).isEqualTo(12_000);
    }

    @Test
    void aToldWaitIsHonouredWithUpToAQuarterMore() {
        Instant now = REGISTERED;
        assertThat(millisAfter(now, cadence(0.0).after(Duration.ofSeconds(20), now)))
                .isEqualTo(20_000);
        assertThat(millisAfter(now, cadence(1.0).after(Duration.ofSeconds(20), now)))
                .isEqualTo(25_000);
    }

    @Test
    void theLearnedCadenceNeverJittersPastMaxInterval() {
        var durations = new DurationModel(LearnedSchedule.PRIOR);
        for (int i = 0; i < 100; i++) durations.learn("default", JobKind.GENERIC, 2);
        var learned =
                new LearnedSchedule(durations, instance -> 20, 1.5, Duration.ofMillis(500), Duration.ofSeconds(60));
        var cadence = new Cadence(Duration.ofSeconds(3), Duration.ofSeconds(60), () -> 1.0, learned);
        Instant now = REGISTERED.plus(Duration.ofHours(1)); // far past its kind's 2 s: polled at max-interval

        assertThat(millisAfter(now, cadence.regular(JOB, now))).isEqualTo(60_000);
    }
}
