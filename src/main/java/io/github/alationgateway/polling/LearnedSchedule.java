package io.github.alationgateway.polling;

import io.github.alationgateway.alation.AlationProperties;
import io.github.alationgateway.store.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code gateway.poll.cadence: learned}: poll a job when its end has become likely enough to be worth a call.
 *
 * <p>From how long past jobs of its kind took on its instance ({@link DurationModel}), a running job's end time
 * has a distribution given that it still runs at its age. Each poll is worth a price, in seconds of detection lag
 * ({@link PollBudget}: the price rises until the planned polls fit the instance's calls per second), and the next
 * poll comes when waiting longer would cost more expected lag than it saves ({@link #intervalAt}). So a
 * two-second job is polled just after its second second, a forty-minute extraction rarely in its first half
 * hour, and a short budget goes to the jobs most likely to have ended. Where a job's end rate is steady this is
 * the square-root rule of inspection scheduling: every {@code √(2·price / end rate)}.
 *
 * <p>Never slower than {@code max-interval}, never faster than {@code min-interval}.
 */
final class LearnedSchedule implements Schedule {

    /**
     * What a kind never seen is assumed to take: a median of a minute, spread over orders of magnitude (a tenth of
     * the jobs under 9 s, a tenth over 7 min), so that it is polled about as the fixed cadence would until its own
     * jobs have ended.
     */
    static final LogNormal PRIOR = LogNormal.ofMedian(60, 1.5);

    private final DurationModel durations;
    private final ToDoubleFunction<String> callsPerSecond;
    private final double floorPrice;
    private final double minInterval;
    private final double maxInterval;
    private final Map<String, PollBudget> budgets = new ConcurrentHashMap<>();

    /**
     * @param callsPerSecond each instance's {@code max-requests-per-second} (0 = no limit)
     * @param floorPrice the price when the budget is ample, in seconds of expected lag a poll must save
     */
    LearnedSchedule(
            DurationModel durations,
            ToDoubleFunction<String> callsPerSecond,
            double floorPrice,
            Duration minInterval,
            Duration maxInterval) {
        this.durations = durations;
        this.callsPerSecond = callsPerSecond;
        this.floorPrice = floorPrice;
        this.minInterval = seconds(minInterval);
        this.maxInterval = seconds(maxInterval);
    }

    /** Built from the settings: an instance's budget is its {@code max-requests-per-second}. */
    static LearnedSchedule of(
            DurationModel durations, PollProperties poll, CadenceProperties cadence, AlationProperties alation) {
        return new LearnedSchedule(
                durations,
                instance -> {
                    var settings = alation.instances().get(instance);
                    return settings == null ? 0 : settings.maxRequestsPerSecond();
                },
                floorPrice(poll.interval()),
                cadence.minInterval(),
                poll.maxInterval());
    }

    /**
     * The price when the budget is ample: a job whose end rate is one per {@code interval} is polled every
     * {@code interval} (√(2·price·interval) = interval).
     */
    static double floorPrice(Duration interval) {
        return seconds(interval) / 2;
    }

    @Override
    public Duration next(Job job, Instant now) {
        PollBudget budget = budget(job.instance());
        double price = budget.price(now);
        LogNormal fit = durations.fit(job.instance(), job.kind());
        double age = Math.max(0, seconds(Duration.between(job.registeredAt(), now)));
        double interval = intervalAt(fit, age, price);
        double clamped = Math.max(minInterval, Math.min(maxInterval, interval));
        budget.plan(job.id(), interval, price, now, job.pollCount() == 0);
        return Duration.ofNanos(Math.round(clamped * 1e9));
    }

    @Override
    public void ended(Job job, Instant now) {
        // The end lies between the last poll (or the registration) and this one.
        Instant running =
                job.lastPolledAt() == null || job.lastPolledAt().isAfter(now) ? job.registeredAt() : job.lastPolledAt();
        durations.learnBetween(
                job.instance(),
                job.kind(),
                seconds(Duration.between(job.registeredAt(), running)),
                seconds(Duration.between(job.registeredAt(), now)));
        budget(job.instance()).forget(job.id(), job.pollCount() == 0);
    }

    @Override
    public void dropped(Job job) {
        budget(job.instance()).forget(job.id(), false);
    }

    /**
     * Seconds from {@code age} to the next poll, unclamped (beyond max-interval extrapolated by the square-root
     * rule, so that the budget can rescale it when the price moves).
     *
     * <p>Waiting a moment longer costs lag at the rate P(the job has ended since now | it runs now). It pays off
     * when the job ends in that moment, at the rate {@code hazard}: this poll then sees the end instead of the
     * next one, which saves the next interval's lag and the next poll itself, worth the price. The poll is due
     * when the cost outweighs the gain: {@code odds(ended) ≥ hazard × (price + next interval)}, with the next
     * interval by the square-root rule. (The first-order condition of the least expected lag plus price × polls.)
     */
    double intervalAt(LogNormal fit, double age, double price) {
        double aliveNow = fit.survival(age);
        if (aliveNow < 1e-9) return Double.POSITIVE_INFINITY; // outlived its kind by far: max-interval
        if (due(fit, age, aliveNow, minInterval, price)) {
            double hazard = fit.hazard(age + minInterval);
            return hazard > 0 ? Math.min(minInterval, Math.sqrt(2 * price / hazard)) : minInterval;
        }
        double step = Math.pow(maxInterval / minInterval, 1.0 / GRID);
        double notYet = minInterval;
        for (int i = 1; i <= GRID; i++) {
            double wait = i == GRID ? maxInterval : minInterval * Math.pow(step, i);
            if (due(fit, age, aliveNow, wait, price)) return refine(fit, age, aliveNow, notYet, wait, price);
            notYet = wait;
        }
        double hazard = fit.hazard(age + maxInterval);
        if (!(hazard > 0)) return Double.POSITIVE_INFINITY;
        return Math.max(maxInterval * 1.01, Math.sqrt(2 * price / hazard));
    }

    /** Grid points between min and max interval where the rule is checked before narrowing down. */
    private static final int GRID = 24;

    private boolean due(LogNormal fit, double age, double aliveNow, double wait, double price) {
        double alive = fit.survival(age + wait);
        double hazard = fit.hazard(age + wait);
        if (!(alive > 0) || Double.isNaN(hazard)) return true;
        if (hazard == 0) return false;
        double odds = aliveNow / alive - 1;
        double next = Math.max(minInterval, Math.min(maxInterval, Math.sqrt(2 * price / hazard)));
        return odds >= hazard * (price + next);
    }

    private double refine(LogNormal fit, double age, double aliveNow, double notYet, double due, double price) {
        double low = Math.log(notYet);
        double high = Math.log(due);
        for (int i = 0; i < 12; i++) {
            double mid = (low + high) / 2;
            if (due(fit, age, aliveNow, Math.exp(mid), price)) high = mid;
            else low = mid;
        }
        return Math.exp(high);
    }

    PollBudget budget(String instance) {
        return budgets.computeIfAbsent(
                instance,
                name -> new PollBudget(callsPerSecond.applyAsDouble(name), floorPrice, minInterval, maxInterval));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
