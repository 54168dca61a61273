package io.github.alationgateway.ui;

import io.github.alationgateway.store.EndedJobs;
import io.github.alationgateway.store.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's chart: jobs ended per hour over the last 24 hours, stacked by final status, as SVG shapes the
 * page draws. Computed here rather than in the browser so that the page needs no charting script.
 */
record EndedChart(
        List<Bar> bars, List<Tick> ticks, long max, long total, Map<JobStatus, Long> totals, int width, int height) {

    static final int HOURS = 24;
    static final List<JobStatus> STACK =
            List.of(JobStatus.SUCCESSFUL, JobStatus.PARTIALLY_SUCCESSFUL, JobStatus.FAILED, JobStatus.EXPIRED);
    private static final int WIDTH = 720;
    private static final int HEIGHT = 180;
    private static final int LEFT = 36;
    private static final int BOTTOM = 20;

    /** One status's part of one hour's column, in SVG user units. */
    record Bar(int x, int y, int width, int height, String status, Instant hour, long count) {}

    /** An hour label under the axis, in the reader's zone; phones show only the major ones. */
    record Tick(int x, Instant hour, boolean major) {}

    /** The first hour shown: the 24th hour back, counting the current one. */
    static Instant since(Instant now) {
        return EndedJobs.firstHour(now, HOURS);
    }

    static EndedChart of(List<EndedJobs.HourCount> counts, Instant now) {
        Instant first = since(now);
        long[][] grid = new long[HOURS][STACK.size()];
        Map<JobStatus, Long> totals = new EnumMap<>(JobStatus.class);
        STACK.forEach(s -> totals.put(s, 0L));
        for (EndedJobs.HourCount count : counts) {
            int hour = (int) Duration.between(first, count.hour()).toHours();
            int status = STACK.indexOf(count.status());
            if (hour < 0 || hour >= HOURS || status < 0) continue;
            grid[hour][status] += count.count();
            totals.merge(count.status(), count.count(), Long::sum);
        }
        long max = 0;
        for (long[] hour : grid) {
            long sum = 0;
            for (long n : hour) sum += n;
            max = Math.max(max, sum);
        }
        int plot = HEIGHT - BOTTOM;
        int slot = (WIDTH - LEFT) / HOURS;
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            Instant hour = first.plus(Duration.ofHours(h));
            int x = LEFT + h * slot;
            if (h % 3 == 0) ticks.add(new Tick(x + slot / 2, hour, h % 6 == 0));
            int top = plot;
            for (int s = 0; s < STACK.size(); s++) {
                long n = grid[h][s];
                if (n == 0) continue;
                // At least 2 units, so that a single job in a busy day is still visible.
                int height = Math.max(2, (int) Math.round((double) n * (plot - 8) / max));
                top -= height;
                bars.add(new Bar(x + 2, top, slot - 4, height, STACK.get(s).wire(), hour, n));
            }
        }
        long total = totals.values().stream().mapToLong(Long::longValue).sum();
        return new EndedChart(bars, ticks, max, total, totals, WIDTH, HEIGHT);
    }

    /** The chart in words, for screen readers. */
    public String summary() {
        StringBuilder text = new StringBuilder(total + " jobs ended in the last 24 hours");
        String sep = ": ";
        for (JobStatus status : STACK) {
            text.append(sep)
                    .append(totals.get(status))
                    .append(' ')
                    .append(status.wire().replace('_', ' '));
            sep = ", ";
        }
        return text.append('.').toString();
    }

    /** Each status with its total, in the order the bars stack. */
    public List<Map.Entry<String, Long>> legend() {
        return STACK.stream().map(s -> Map.entry(s.wire(), totals.get(s))).toList();
    }

    public int plotBottom() {
        return HEIGHT - BOTTOM;
    }

    public int left() {
        return LEFT;
    }
}
