package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.alationgateway.details.JobKind;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationModelTest {

    private static final LogNormal PRIOR = LogNormal.ofMedian(60, 1.5);

    @Test
    void aKindNeverSeenIsThePrior() {
        var model = new DurationModel(PRIOR);
        assertThat(model.fit("prod", JobKind.DOCUMENT_POST)).isEqualTo(PRIOR);
        assertThat(model.observations("prod", JobKind.DOCUMENT_POST)).isZero();
    }

    @Test
    void manyJobsOfAKindTeachItsMedianAndSpread() {
        var model = new DurationModel(PRIOR);
        Random random = new Random(1);
        for (int i = 0; i < 5000; i++) {
            model.learn("prod", JobKind.DOCUMENT_POST, 2 * Math.exp(0.6 * random.nextGaussian()));
        }
        LogNormal fit = model.fit("prod", JobKind.DOCUMENT_POST);
        assertThat(fit.medianSeconds()).isCloseTo(2, within(0.2));
        assertThat(fit.sigma()).isCloseTo(0.6, within(0.07));
        assertThat(model.observations("prod", JobKind.DOCUMENT_POST)).isEqualTo(DurationModel.MEMORY);
    }

    @Test
    void aFewJobsOnOneInstanceBorrowFromTheSameKindElsewhere() {
        var model = new DurationModel(PRIOR);
        for (int i = 0; i < 200; i++) model.learn("prod", JobKind.TERM_PUT, 10);
        model.learn("sandbox", JobKind.TERM_PUT, 20);

        LogNormal sandbox = model.fit("sandbox", JobKind.TERM_PUT);
        // one job of its own against three jobs' worth of what prod taught about the kind
        assertThat(sandbox.medianSeconds()).isCloseTo(Math.exp((Math.log(20) + 3 * Math.log(10)) / 4), within(0.5));
        assertThat(model.fit("prod", JobKind.TERM_PUT).medianSeconds()).isCloseTo(10, within(0.5));
    }

    @Test
    void aDurationSeenOnlyBetweenTwoPollsDoesNotTeachThatJobsTakeAsLongAsTheyWerePolledLate() {
        var model = new DurationModel(PRIOR);
        Random random = new Random(2);
        // Jobs of median 2 s, polled at registration and then only every 30 s: each end is known within 30 s.
        for (int i = 0; i < 5000; i++) {
            double took = 2 * Math.exp(0.6 * random.nextGaussian());
            double seen = Math.ceil(took / 30) * 30;
            model.learnBetween("prod", JobKind.DOCUMENT_POST, seen - 30, seen);
        }
        // Counting each job as the poll that saw it end would teach a median of 30 s.
        assertThat(model.fit("prod", JobKind.DOCUMENT_POST).medianSeconds()).isLessThan(15);
    }

    @Test
    void narrowWindowsLearnTheTrueDistribution() {
        var model = new DurationModel(PRIOR);
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            double took = 300 * Math.exp(0.8 * random.nextGaussian());
            double seen = took + 10 * random.nextDouble();
            model.learnBetween("prod", JobKind.DATA_QUALITY_POST, seen - 10, seen);
        }
        LogNormal fit = model.fit("prod", JobKind.DATA_QUALITY_POST);
        assertThat(fit.medianSeconds()).isCloseTo(300, within(40.0));
        assertThat(fit.sigma()).isCloseTo(0.8, within(0.1));
    }

    @Test
    void nonsenseDurationsAreIgnored() {
        var model = new DurationModel(PRIOR);
        model.learn("prod", JobKind.GENERIC, 0);
        model.learn("prod", JobKind.GENERIC, Double.NaN);
        model.learnBetween("prod", JobKind.GENERIC, 5, -1);
        assertThat(model.observations("prod", JobKind.GENERIC)).isZero();
    }
}
