package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollBudgetTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void anAmpleBudgetKeepsTheFloorPrice() {
        var budget = new PollBudget(20, 1.5, 0.5, 600);
        for (int i = 0; i < 10; i++) budget.plan("job-" + i, 3, 1.5, T0, false);

        assertThat(budget.price(T0.plusSeconds(1))).isEqualTo(1.5);
    }

    @Test
    void noLimitKeepsTheFloorPriceWhateverIsPlanned() {
        var budget = new PollBudget(0, 1.5, 0.5, 600);
        for (int i = 0; i < 1000; i++) budget.plan("job-" + i, 1, 1.5, T0, false);

        assertThat(budget.price(T0.plusSeconds(1))).isEqualTo(1.5);
    }

    @Test
    void tooManyPlannedPollsRaiseThePriceUntilTheyFit() {
        var budget = new PollBudget(20, 1.5, 0.5, 600);
        budget.price(T0);
        // 100 new jobs, each every 2 s: 50 polls/s planned, against 20 * 0.95 minus their first polls
        for (int i = 0; i < 100; i++) budget.plan("job-" + i, 2, 1.5, T0, true);

        double price = budget.price(T0.plusSeconds(10));

        // the square-root law: intervals grow with √(price / 1.5), so 100 / (2 √(price / 1.5)) ≈ the target
        double target = 20 * PollBudget.PLANNED_SHARE - 100 / 10.0;
        assertThat(100 / (2 * Math.sqrt(price / 1.5))).isCloseTo(target, within(0.5));
    }

    @Test
    void theFloorOfEveryJobAtMaxIntervalCannotBePricedAway() {
        var budget = new PollBudget(1, 1.5, 0.5, 60);
        for (int i = 0; i < 600; i++) budget.plan("job-" + i, 60, 1.5, T0, false);

        // 600 jobs at max-interval 60 s need 10 polls/s whatever the price: the price goes to its ceiling
        assertThat(budget.price(T0.plusSeconds(1))).isGreaterThan(1e6);
    }

    @Test
    void plansOfJobsAnotherReplicaPolledLastAreForgotten() {
        var budget = new PollBudget(20, 1.5, 0.5, 60);
        budget.plan("mine", 10, 1.5, T0, false);
        budget.plan("moved", 10, 1.5, T0.minusSeconds(200), false);

        budget.price(T0.plusSeconds(1));

        assertThat(budget.planned()).isEqualTo(1);
    }
}
