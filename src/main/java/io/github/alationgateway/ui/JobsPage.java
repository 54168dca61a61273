package io.github.alationgateway.ui;

import io.github.alationgateway.alation.AlationProperties;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.query.PageCursor;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobQuery;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.InstanceScope;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;

/** The jobs table: the API's filters in the address, newest first, a keyset page at a time. */
@Controller
class JobsPage {

    private final JobStore store;
    private final InstanceScope scope;
    private final AlationProperties alation;

    JobsPage(JobStore store, InstanceScope scope, AlationProperties alation) {
        this.store = store;
        this.scope = scope;
        this.alation = alation;
    }

    @GetMapping("/ui/jobs")
    String page(JobFilter filter, HttpServletResponse response, Model model) {
        fill(filter, response, model);
        model.addAttribute("statuses", JobFilter.statuses());
        model.addAttribute(
                "kinds",
                Arrays.stream(JobKind.values()).map(Enum::name).sorted().toList());
        model.addAttribute(
                "instanceNames",
                new TreeSet<>(alation.instances().keySet())
                        .stream().filter(scope::canSee).toList());
        return "ui/jobs";
    }

    /** The table's rows alone, fetched again while the page is open: after each event, or every few seconds. */
    @GetMapping("/ui/jobs/rows")
    String rows(JobFilter filter, HttpServletResponse response, Model model) {
        fill(filter, response, model);
        return "ui/jobs :: rows";
    }

    private void fill(JobFilter filter, HttpServletResponse response, Model model) {
        model.addAttribute("filter", filter);
        model.addAttribute("rowsHref", filter.href("/ui/jobs/rows", filter.cursor()));
        List<Job> jobs = List.of();
        String next = null;
        String events = null;
        try {
            JobQuery query = filter.query(scope.visibleInstances());
            jobs = store.list(query);
            int size = filter.pageSizeValue();
            if (jobs.size() > size) {
                jobs = jobs.subList(0, size);
                Job last = jobs.get(size - 1);
                next = PageCursor.encode(new JobQuery.Position(last.registeredAt(), last.id()));
            }
            events = filter.eventsHref(jobs.stream().map(Job::id).toList());
        } catch (ErrorResponseException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("filterError", e.getBody().getDetail());
        }
        Map<String, Map<String, String>> labels =
                store.labelsOf(jobs.stream().map(Job::id).toList());
        model.addAttribute("jobs", jobs);
        model.addAttribute("eventsHref", events);
        model.addAttribute("labels", labels);
        model.addAttribute("nextHref", next == null ? null : filter.href("/ui/jobs", next));
        model.addAttribute("firstHref", filter.cursor() == null ? null : filter.href("/ui/jobs", null));
    }
}
