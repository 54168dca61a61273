package io.github.alationgateway.ui;

import io.github.alationgateway.store.EndedJobs;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobQuery;
import io.github.alationgateway.store.JobStats;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.InstanceScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What ran, what failed and why, what still runs, and how each Alation instance is doing. */
@Controller
class OverviewPage {

    static final int LATEST_PROBLEMS = 8;
    private static final Duration HOURS_SHOWN = Duration.ofHours(EndedChart.HOURS);

    private final JobStore store;
    private final EndedJobs ended;
    private final InstanceStates instances;
    private final InstanceScope scope;
    private final Clock clock;

    OverviewPage(JobStore store, EndedJobs ended, InstanceStates instances, InstanceScope scope, Clock clock) {
        this.store = store;
        this.ended = ended;
        this.instances = instances;
        this.scope = scope;
        this.clock = clock;
    }

    @GetMapping("/ui/")
    String page(Model model) {
        fill(model);
        return "ui/overview";
    }

    /** The live part of the page, fetched again while it is open. */
    @GetMapping("/ui/overview/live")
    String live(Model model) {
        fill(model);
        return "ui/overview :: live";
    }

    private void fill(Model model) {
        Set<String> visible = scope.visibleInstances();
        Instant now = clock.instant();
        JobStats stats = store.stats(visible);
        long total =
                stats.byStatus().values().stream().mapToLong(Long::longValue).sum();
        model.addAttribute("byStatus", orderedCounts(stats.byStatus()));
        model.addAttribute("total", total);
        model.addAttribute("instances", instances.visible());
        Instant since = EndedChart.since(now);
        JobQuery all = new JobQuery(null, null, null, null, null, Map.of(), null, null, null, 0, visible);
        model.addAttribute("chart", EndedChart.of(ended.perHour(all, since, since.plus(HOURS_SHOWN)), now));
        model.addAttribute("problems", latestProblems(visible));
        model.addAttribute("now", now);
    }

    /** Every status, in the order a job goes through them, zeros included. */
    private static List<Map.Entry<String, Long>> orderedCounts(Map<String, Long> byStatus) {
        List<Map.Entry<String, Long>> counts = new ArrayList<>();
        for (JobStatus status : JobStatus.values()) {
            counts.add(Map.entry(status.wire(), byStatus.getOrDefault(status.wire(), 0L)));
        }
        return counts;
    }

    /** The newest failed and expired jobs together, newest ending first. */
    private List<Job> latestProblems(Set<String> visible) {
        List<Job> problems = new ArrayList<>();
        for (JobStatus status : List.of(JobStatus.FAILED, JobStatus.EXPIRED)) {
            problems.addAll(store.list(new JobQuery(
                    status, null, null, null, null, Map.of(), null, null, null, LATEST_PROBLEMS, visible)));
        }
        problems.sort(
                Comparator.comparing((Job job) -> job.finishedAt() == null ? job.registeredAt() : job.finishedAt())
                        .reversed());
        return problems.size() > LATEST_PROBLEMS ? problems.subList(0, LATEST_PROBLEMS) : problems;
    }
}
