package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.store.EndedJobs.HourCount;
import io.github.alationgateway.store.JobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndedChartTest {

    static final Instant NOW = Instant.parse("2026-12-02T08:40:00Z");

    @Test
    void barsStackByStatusInTheirHourAndTheTallestColumnFillsThePlot() {
        Instant hour = Instant.parse("2026-12-02T08:00:00Z");
        EndedChart chart = EndedChart.of(
                List.of(
                        new HourCount(hour, JobStatus.SUCCESSFUL, 6),
                        new HourCount(hour, JobStatus.FAILED, 2),
                        new HourCount(Instant.parse("2026-12-01T09:00:00Z"), JobStatus.EXPIRED, 1),
                        // Older than 24 hours: not drawn, not counted.
                        new HourCount(Instant.parse("2026-12-01T08:00:00Z"), JobStatus.FAILED, 50)),
                NOW);
        assertThat(chart.max()).isEqualTo(8);
        assertThat(chart.total()).isEqualTo(9);
        assertThat(chart.bars()).extracting(EndedChart.Bar::status).containsExactly("expired", "successful", "failed");
        EndedChart.Bar successful = chart.bars().get(1);
        EndedChart.Bar failed = chart.bars().get(2);
        assertThat(failed.x())
                .isEqualTo(successful.x())
                .isGreaterThan(chart.bars().get(0).x());
        assertThat(failed.y() + failed.height()).isEqualTo(successful.y());
        assertThat(successful.y() + successful.height()).isEqualTo(chart.plotBottom());
        assertThat(successful.height() + failed.height()).isBetween(chart.plotBottom() - 10, chart.plotBottom());
        assertThat(chart.summary())
                .isEqualTo("9 jobs ended in the last 24 hours: 6 successful, 0 partially successful, 2 failed,"
                        + " 1 expired.");
    }

    @Test
    void theFirstHourIsTheTwentyFourthBackCountingTheCurrentOne() {
        assertThat(EndedChart.since(NOW)).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(EndedChart.of(List.of(), NOW).ticks()).hasSize(8);
    }
}
