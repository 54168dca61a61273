package io.github.alationgateway.system;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code gateway.jobs}: jobs by status and instance, read every {@code gateway.metrics.jobs-refresh} rather than
 * per scrape, so that many scrapers cost the database nothing. The counts come from the store's maintained
 * tallies (a few rows), not from grouping every job, so a million jobs cost what a hundred do. Every replica
 * reports the same shared counts: aggregate with max, not sum.
 */
@Component
class JobsGauge {

    private final JobStore store;
    private final AlationClient alation;
    private final MultiGauge gauge;

    private final BackgroundLoops loops;

    JobsGauge(JobStore store, AlationClient alation, MeterRegistry registry, BackgroundLoops loops) {
        this.store = store;
        this.loops = loops;
        this.alation = alation;
        this.gauge = MultiGauge.builder("gateway.jobs")
                .description("Jobs known to the gateway, by status and Alation instance")
                .baseUnit("jobs")
                .register(registry);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${gateway.metrics.jobs-refresh:15s}")
    void refresh() {
        loops.guard("gauges", this::count);
    }

    private void count() {
        // Every status of every configured instance is reported, zeros included: a series that stops existing
        // when its count drops to zero would look like missing data, not like zero.
        Map<String, Map<JobStatus, Long>> counts = new TreeMap<>();
        for (String instance : alation.instances()) counts.put(instance, zeros());
        // A failure keeps the last values: the database is unreachable, and readiness reports that.
        store.countByStatusAndInstance()
                .forEach(c ->
                        counts.computeIfAbsent(c.instance(), i -> zeros()).merge(c.status(), c.count(), Long::sum));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((instance, byStatus) -> byStatus.forEach((status, count) ->
                rows.add(MultiGauge.Row.of(Tags.of("status", status.wire(), "instance", instance), count))));
        gauge.register(rows, true);
    }

    private static Map<JobStatus, Long> zeros() {
        Map<JobStatus, Long> zeros = new TreeMap<>();
        for (JobStatus status : JobStatus.values()) zeros.put(status, 0L);
        return zeros;
    }
}
