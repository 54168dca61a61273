package io.github.alationgateway.polling;

import io.github.alationgateway.details.JobKind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway has learned about how long jobs take: a log-normal fit per Alation instance and kind of job,
 * updated as jobs end. A pair seen a few times borrows from the same kind on all instances, and a kind never seen
 * from a broad prior, so that one early job does not decide a whole kind's schedule.
 *
 * <p>The fit weighs the newest {@value #MEMORY} jobs of a pair about equally and forgets older ones gradually, so
 * that it follows an instance that became slower or faster.
 */
final class DurationModel {

    /** Beyond this many jobs, each new one weighs 1/MEMORY: an exponentially weighted mean and variance. */
    static final int MEMORY = 500;

    /** How many jobs' worth of weight the broader fit gets against a pair's own jobs. */
    private static final double BORROWED = 3;

    /** A deviation of ln(duration) below this would claim a precision no job timing has. */
    private static final double MIN_SIGMA = 0.1;

    private record Pair(String instance, JobKind kind) {}

    private final LogNormal prior;
    private final Map<Pair, Moments> byPair = new ConcurrentHashMap<>();
    private final Map<JobKind, Moments> byKind = new ConcurrentHashMap<>();

    DurationModel(LogNormal prior) {
        this.prior = prior;
    }

    /** A job of {@code kind} on {@code instance} took {@code seconds}. */
    void learn(String instance, JobKind kind, double seconds) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) return;
        add(instance, kind, Math.log(seconds), 0);
    }

    /**
     * A job took more than {@code atLeast} and at most {@code atMost} seconds: it was running at one poll and had
     * ended at the next. Counting it as {@code atMost} would teach the model that jobs take as long as they were
     * polled late, and so poll them later still. Instead it counts as what the current fit expects of a job ending
     * in that window (mean and spread of ln(seconds) given the window: one step of EM for censored data).
     */
    void learnBetween(String instance, JobKind kind, double atLeast, double atMost) {
        if (!(atMost > 0) || !Double.isFinite(atMost)) return;
        LogNormal fit = fit(instance, kind);
        double a = atLeast > 0 ? (Math.log(atLeast) - fit.mu()) / fit.sigma() : Double.NEGATIVE_INFINITY;
        double b = (Math.log(atMost) - fit.mu()) / fit.sigma();
        double mass = normalCdf(b) - normalCdf(a);
        if (!(mass > 1e-12)) {
            // Far outside what the fit expects: the window itself is all we know.
            double low = atLeast > 0 ? Math.log(atLeast) : Math.log(atMost) - 1;
            add(instance, kind, (low + Math.log(atMost)) / 2, 0);
            return;
        }
        double pa = normalPdf(a);
        double pb = normalPdf(b);
        double shift = (pa - pb) / mass;
        double aTerm = Double.isInfinite(a) ? 0 : a * pa;
        double spread = 1 + (aTerm - b * pb) / mass - shift * shift;
        add(instance, kind, fit.mu() + fit.sigma() * shift, Math.max(0, spread) * fit.sigma() * fit.sigma());
    }

    private void add(String instance, JobKind kind, double x, double extraVariance) {
        byPair.computeIfAbsent(new Pair(instance, kind), p -> new Moments()).add(x, extraVariance);
        byKind.computeIfAbsent(kind, k -> new Moments()).add(x, extraVariance);
    }

    private static double normalCdf(double z) {
        if (z == Double.NEGATIVE_INFINITY) return 0;
        return 0.5 * LogNormal.erfc(-z / Math.sqrt(2));
    }

    private static double normalPdf(double z) {
        if (Double.isInfinite(z)) return 0;
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    LogNormal fit(String instance, JobKind kind) {
        LogNormal forKind = blend(byKind.get(kind), prior);
        return blend(byPair.get(new Pair(instance, kind)), forKind);
    }

    /** Jobs learned for the pair, counting at most {@link #MEMORY}. */
    long observations(String instance, JobKind kind) {
        Moments moments = byPair.get(new Pair(instance, kind));
        return moments == null ? 0 : Math.round(moments.snapshot()[0]);
    }

    private static LogNormal blend(Moments own, LogNormal broader) {
        if (own == null) return broader;
        double[] m = own.snapshot();
        double n = m[0];
        double mu = (n * m[1] + BORROWED * broader.mu()) / (n + BORROWED);
        double variance = (n * m[2] + BORROWED * broader.sigma() * broader.sigma()) / (n + BORROWED);
        return new LogNormal(mu, Math.max(MIN_SIGMA, Math.sqrt(variance)));
    }

    /** Weight, mean and variance of ln(seconds); the weight stops growing at MEMORY. */
    private static final class Moments {
        private double weight;
        private double mean;
        private double variance;

        /** {@code extraVariance}: how uncertain x itself is (a censored duration), added to the spread. */
        synchronized void add(double x, double extraVariance) {
            weight = Math.min(weight + 1, MEMORY);
            double share = 1 / weight;
            double delta = x - mean;
            mean += share * delta;
            variance = (1 - share) * (variance + share * delta * delta) + share * extraVariance;
        }

        synchronized double[] snapshot() {
            return new double[] {weight, mean, variance};
        }
    }
}
