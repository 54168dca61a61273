package io.github.alationgateway.polling;

/**
 * How long jobs of one kind take, as a log-normal distribution: {@code ln(seconds)} is normal with mean {@code mu}
 * and deviation {@code sigma}. Job durations are positive, skewed and spread over orders of magnitude, which is
 * what a log-normal describes with two numbers that are cheap to learn.
 */
record LogNormal(double mu, double sigma) {

    private static final double SQRT2 = Math.sqrt(2);

    LogNormal {
        if (!Double.isFinite(mu) || !(sigma > 0) || !Double.isFinite(sigma))
            throw new IllegalArgumentException("mu must be finite and sigma positive, were " + mu + ", " + sigma);
    }

    static LogNormal ofMedian(double medianSeconds, double sigma) {
        return new LogNormal(Math.log(medianSeconds), sigma);
    }

    double medianSeconds() {
        return Math.exp(mu);
    }

    /** P(T > t). */
    double survival(double t) {
        if (t <= 0) return 1;
        return 0.5 * erfc(z(t) / SQRT2);
    }

    /** The end rate at {@code t} of jobs still running then: f(t) / S(t), per second. */
    double hazard(double t) {
        if (t <= 0) return 0;
        double z = z(t);
        double alive = 0.5 * erfc(z / SQRT2);
        if (alive <= 0) return Double.NaN;
        return Math.exp(-z * z / 2) / (Math.sqrt(2 * Math.PI) * sigma * t * alive);
    }

    private double z(double t) {
        return (Math.log(t) - mu) / sigma;
    }

    /** Complementary error function, relative error below 1.2e-7 everywhere (Numerical Recipes' erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
