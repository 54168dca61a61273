package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LogNormalTest {

    private final LogNormal twoSeconds = LogNormal.ofMedian(2, 0.6);

    @Test
    void erfcMatchesKnownValues() {
        assertThat(LogNormal.erfc(0)).isCloseTo(1, within(1e-7));
        assertThat(LogNormal.erfc(1)).isCloseTo(0.157299207, within(1e-7));
        assertThat(LogNormal.erfc(-1)).isCloseTo(1.842700793, within(1e-7));
        assertThat(LogNormal.erfc(3) / 2.209049700e-5).isCloseTo(1, within(1e-6));
    }

    @Test
    void halfOfTheJobsRunPastTheMedian() {
        assertThat(twoSeconds.survival(2)).isCloseTo(0.5, within(1e-7));
        assertThat(twoSeconds.survival(0)).isEqualTo(1);
        // one deviation above the median in log space: 15.87 % still run
        assertThat(twoSeconds.survival(2 * Math.exp(0.6))).isCloseTo(0.158655, within(1e-6));
    }

    @Test
    void theHazardIsTheDensityOverTheSurvivors() {
        for (double t : new double[] {0.5, 2, 5, 12}) {
            double h = 1e-3;
            double density = (twoSeconds.survival(t - h) - twoSeconds.survival(t + h)) / (2 * h);
            assertThat(twoSeconds.hazard(t)).isCloseTo(density / twoSeconds.survival(t), withinPercentage(0.1));
        }
        assertThat(twoSeconds.hazard(0)).isZero();
    }

    @Test
    void rejectsADegenerateSpread() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new LogNormal(1, 0));
    }
}
