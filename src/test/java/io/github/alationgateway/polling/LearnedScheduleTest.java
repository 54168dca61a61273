package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LearnedScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(600);

    private final DurationModel durations = new DurationModel(LearnedSchedule.PRIOR);

    private LearnedSchedule schedule(double callsPerSecond) {
        return new LearnedSchedule(
                durations, instance -> callsPerSecond, LearnedSchedule.floorPrice(Duration.ofSeconds(3)), MIN, MAX);
    }

    private void teach(JobKind kind, double medianSeconds, double sigma) {
        Random random = new Random(kind.ordinal());
        for (int i = 0; i < 1000; i++) {
            durations.learn("prod", kind, medianSeconds * Math.exp(sigma * random.nextGaussian()));
        }
    }

    private static Job job(String id, JobKind kind, Instant registeredAt, Instant lastPolledAt) {
        return Jobs.running(id, "prod", kind, registeredAt, lastPolledAt);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void aJobThatUsuallyEndsInTwoSecondsIsPolledRightAfterThat() {
        teach(JobKind.DOCUMENT_POST, 2, 0.6);
        var schedule = schedule(20);

        Duration first = schedule.next(job("a", JobKind.DOCUMENT_POST, T0, T0), T0);

        assertThat(seconds(first)).isBetween(2.0, 4.0);
    }

    @Test
    void aLongExtractionIsLeftAloneEarlyButNeverLongerThanMaxInterval() {
        teach(JobKind.VIRTUAL_DATASOURCE_POST, 2400, 0.5);
        var schedule = schedule(20);
        Instant now = T0.plusSeconds(10);

        assertThat(schedule.next(job("x", JobKind.VIRTUAL_DATASOURCE_POST, T0, now), now))
                .isEqualTo(MAX);
        Instant nearTheEnd = T0.plusSeconds(2400);
        assertThat(schedule.next(job("x", JobKind.VIRTUAL_DATASOURCE_POST, T0, nearTheEnd), nearTheEnd))
                .isLessThan(MAX);
    }

    @Test
    void aJobFarPastItsKindsDurationsIsStillPolledEveryMaxInterval() {
        teach(JobKind.DOCUMENT_POST, 2, 0.6);
        Instant anHourLater = T0.plus(Duration.ofHours(1));

        assertThat(schedule(20).next(job("late", JobKind.DOCUMENT_POST, T0, anHourLater), anHourLater))
                .isEqualTo(MAX);
    }

    @Test
    void neverFasterThanMinInterval() {
        teach(JobKind.TERM_POST, 0.2, 0.1);
        Instant now = T0.plusMillis(200);

        assertThat(schedule(0).next(job("fast", JobKind.TERM_POST, T0, now), now))
                .isEqualTo(MIN);
    }

    @Test
    void whatEndedTeachesTheNextJobsSchedule() {
        var schedule = schedule(20);
        Duration before = schedule.next(job("first", JobKind.DOCUMENT_POST, T0, T0), T0);
        Random random = new Random(4);
        for (int i = 0; i < 300; i++) {
            Instant registered = T0.plusSeconds(i * 10L);
            // polled every second: the end is seen within a second
            double took = 2 * Math.exp(0.6 * random.nextGaussian());
            Instant seen = registered.plusSeconds((long) Math.ceil(took));
            schedule.ended(job("j" + i, JobKind.DOCUMENT_POST, registered, seen.minusSeconds(1)), seen);
        }
        Instant later = T0.plusSeconds(4000);

        Duration after = schedule.next(job("next", JobKind.DOCUMENT_POST, later, later), later);

        assertThat(seconds(before)).isGreaterThan(10); // the prior: a minute, give or take a lot
        assertThat(seconds(after)).isBetween(1.5, 5.0);
    }

    @Test
    void aShortBudgetGoesWhereAnEndIsLikelyAndPlannedPollsFitIt() {
        teach(JobKind.DOCUMENT_POST, 2, 0.6);
        teach(JobKind.VIRTUAL_DATASOURCE_POST, 1200, 0.6);
        var schedule = schedule(20);
        Random random = new Random(5);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Instant registered = T0.minusSeconds(random.nextInt(2400));
            jobs.add(job("long-" + i, JobKind.VIRTUAL_DATASOURCE_POST, registered, T0));
        }
        jobs.forEach(j -> schedule.next(j, T0));
        Instant now = T0.plusSeconds(1); // the budget re-solves its price once a second

        double pollsPerSecond = jobs.stream()
                .mapToDouble(j -> 1 / seconds(schedule.next(j, now)))
                .sum();
        Duration likely = schedule.next(job("doc", JobKind.DOCUMENT_POST, now.minusSeconds(2), now), now);
        Duration unlikely = schedule.next(job("young", JobKind.VIRTUAL_DATASOURCE_POST, now, now), now);

        assertThat(pollsPerSecond).isBetween(15.0, 20 * PollBudget.PLANNED_SHARE * 1.05);
        assertThat(likely).isLessThan(Duration.ofSeconds(30));
        assertThat(unlikely).isGreaterThan(Duration.ofMinutes(5));
        assertThat(schedule.budget("prod").planned()).isEqualTo(2002);
    }

    @Test
    void anEndedOrExpiredJobNoLongerDrawsOnTheBudget() {
        var schedule = schedule(20);
        Job a = job("a", JobKind.GENERIC, T0, T0);
        Job b = job("b", JobKind.GENERIC, T0, T0);
        schedule.next(a, T0);
        schedule.next(b, T0);

        schedule.ended(a, T0.plusSeconds(5));
        schedule.dropped(b);

        assertThat(schedule.budget("prod").planned()).isZero();
    }
}
