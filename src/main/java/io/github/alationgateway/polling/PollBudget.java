package io.github.alationgateway.polling;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One Alation instance's calls per second, shared out among the jobs this replica polls there. Every running job
 * is polled when the detection lag it has built up since its last poll reaches the same {@code price} (seconds
 * of expected lag one poll is worth; see {@link LearnedSchedule}). A higher price means fewer polls for everyone,
 * taken first from jobs whose end is unlikely. The price is the lowest that keeps the planned polls within the
 * instance's budget, and never below {@code floor}, which applies when the budget is ample or unlimited.
 *
 * <p>Each replica has a budget of its own per instance (the limits in {@code alation} are per replica), and plans
 * only the jobs it polled last: the claim spreads jobs over replicas, so each plans its share.
 */
final class PollBudget {

    /** Share of the budget that planned polls may take; the rest absorbs first polls, retries and jitter. */
    static final double PLANNED_SHARE = 0.95;

    private static final long REPRICE_EVERY_MILLIS = 1_000;

    /** What this replica plans for one job: poll every {@code interval} seconds, decided at {@code price}. */
    private record Plan(double interval, double price, long plannedAtMillis) {}

    private final double callsPerSecond;
    private final double floor;
    private final double minInterval;
    private final double maxInterval;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private final AtomicLong repriceAtMillis = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder newJobs = new LongAdder();
    private volatile double price;
    private double newJobsPerSecond;
    private long pricedAtMillis;

    /**
     * @param callsPerSecond the instance's {@code max-requests-per-second}; 0 = no limit
     * @param floor the price when the budget does not bind, in seconds of expected lag
     */
    PollBudget(double callsPerSecond, double floor, double minIntervalSeconds, double maxIntervalSeconds) {
        this.callsPerSecond = callsPerSecond;
        this.floor = floor;
        this.minInterval = minIntervalSeconds;
        this.maxInterval = maxIntervalSeconds;
        this.price = floor;
    }

    /** The price to plan with now; re-solved at most once a second, by whichever caller comes first. */
    double price(Instant now) {
        long millis = now.toEpochMilli();
        long due = repriceAtMillis.get();
        if (millis >= due && repriceAtMillis.compareAndSet(due, millis + REPRICE_EVERY_MILLIS)) {
            reprice(millis);
        }
        return price;
    }

    /**
     * A job will be polled again in about {@code interval} seconds (before clamping to the min and max interval, so
     * that a change of price can be rescaled), decided at {@code price}. {@code afterFirstPoll}: the poll that
     * led here was the job's first, which registration makes due at once, outside any plan.
     */
    void plan(String jobId, double interval, double price, Instant now, boolean afterFirstPoll) {
        plans.put(jobId, new Plan(interval, price, now.toEpochMilli()));
        if (afterFirstPoll) newJobs.increment();
    }

    /** The job ended: it no longer draws on the budget. One that ended at its first poll cost an unplanned call. */
    void forget(String jobId, boolean atFirstPoll) {
        plans.remove(jobId);
        if (atFirstPoll) newJobs.increment();
    }

    int planned() {
        return plans.size();
    }

    private synchronized void reprice(long now) {
        // A plan not renewed long after its poll was due belongs to a job another replica polled last (or that
        // ended there): its polls are that replica's to count.
        plans.values().removeIf(p -> p.plannedAtMillis() + (long) ((p.interval() + 2 * maxInterval) * 1000) < now);
        if (pricedAtMillis != 0 && now > pricedAtMillis) {
            double seconds = (now - pricedAtMillis) / 1000.0;
            double rate = newJobs.sumThenReset() / seconds;
            // Smoothed over ~10 s: first polls arrive in bursts (a pipeline registering a batch).
            double weight = Math.min(1, seconds / 10);
            newJobsPerSecond += weight * (rate - newJobsPerSecond);
        } else {
            newJobs.reset();
        }
        pricedAtMillis = now;
        if (callsPerSecond <= 0) {
            price = floor;
            return;
        }
        double target = Math.max(callsPerSecond * PLANNED_SHARE - newJobsPerSecond, callsPerSecond * 0.1);
        price = solve(target);
    }

    /** The lowest price at or above the floor whose planned polls per second fit {@code target}. */
    private double solve(double target) {
        if (demand(floor) <= target) return floor;
        double low = Math.log(floor);
        double high = low + Math.log(1e9);
        if (demand(Math.exp(high)) > target) return Math.exp(high); // every job at max-interval already
        for (int i = 0; i < 40; i++) {
            double mid = (low + high) / 2;
            if (demand(Math.exp(mid)) > target) low = mid;
            else high = mid;
        }
        return Math.exp(high);
    }

    /**
     * Planned polls per second at {@code price}. A plan made at another price is rescaled by the square-root law
     * (the interval at which a job's lag reaches the price grows with its square root while its end rate holds
     * steady), which is exact for the long-running jobs that make up most of a crowded instance.
     */
    private double demand(double atPrice) {
        double sum = 0;
        for (Plan p : plans.values()) {
            double interval = p.interval() * Math.sqrt(atPrice / p.price());
            sum += 1 / Math.max(minInterval, Math.min(maxInterval, interval));
        }
        return sum;
    }
}
