package io.github.alationgateway.ui;

import io.github.alationgateway.polling.PollNow;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import io.github.alationgateway.view.VisibleJobs;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/** One job: where it stands, its details for a person, its log, and poll-now for writers. */
@Controller
class JobPage {

    private final VisibleJobs visibleJobs;
    private final JobViews views;
    private final JobStore store;
    private final PollNow pollNow;
    private final ObjectMapper json;

    JobPage(VisibleJobs visibleJobs, JobViews views, JobStore store, PollNow pollNow, ObjectMapper json) {
        this.visibleJobs = visibleJobs;
        this.views = views;
        this.store = store;
        this.pollNow = pollNow;
        this.json = json;
    }

    @GetMapping("/ui/jobs/{id}")
    String page(@PathVariable String id, Model model) {
        JobView job = fill(id, model);
        model.addAttribute("details", DetailsView.of(job.details(), json));
        model.addAttribute(
                "rawResult",
                job.rawResult() == null
                        ? null
                        : json.writerWithDefaultPrettyPrinter().writeValueAsString(job.rawResult()));
        String api = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/jobs/{id}")
                .buildAndExpand(job.id())
                .toUriString();
        model.addAttribute("curl", "curl -s -H \"Authorization: Bearer $KEY\" '" + api + "'");
        return "ui/job";
    }

    /** Status, times and log alone, fetched again while the job runs. */
    @GetMapping("/ui/jobs/{id}/live")
    String live(@PathVariable String id, Model model) {
        fill(id, model);
        return "ui/job :: live";
    }

    @PostMapping("/ui/jobs/{id}/poll")
    String pollNow(@PathVariable String id, RedirectAttributes redirect) {
        try {
            pollNow.request(id);
            redirect.addFlashAttribute("notice", "Poll requested: the gateway asks Alation about this job now.");
        } catch (ErrorResponseException e) {
            if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) throw e;
            redirect.addFlashAttribute("notice", e.getBody().getDetail());
        }
        return "redirect:/ui/jobs/{id}";
    }

    private JobView fill(String id, Model model) {
        JobView job = views.view(visibleJobs.find(id));
        model.addAttribute("job", job);
        model.addAttribute("logs", store.logs(job.id()));
        List<Job> followUps = job.followUpIds().stream()
                .map(store::findById)
                .flatMap(java.util.Optional::stream)
                .toList();
        model.addAttribute("followUps", followUps);
        model.addAttribute(
                "parent",
                job.parentId() == null ? null : store.findById(job.parentId()).orElse(null));
        model.addAttribute("chainDiffers", !Objects.equals(job.chainStatus(), job.status()));
        return job;
    }
}
