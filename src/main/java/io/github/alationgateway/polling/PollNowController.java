package io.github.alationgateway.polling;

import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import io.github.alationgateway.view.VisibleJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Jobs", description = "Register Alation jobs and read what the gateway knows of them")
@RestController
class PollNowController {

    private final JobStore store;
    private final JobViews views;
    private final VisibleJobs visibleJobs;
    private final PollTrigger trigger;
    private final Clock clock;

    PollNowController(JobStore store, JobViews views, VisibleJobs visibleJobs, PollTrigger trigger, Clock clock) {
        this.store = store;
        this.views = views;
        this.visibleJobs = visibleJobs;
        this.trigger = trigger;
        this.clock = clock;
    }

    /** 202: the job is due now and this replica's poller is woken. A poll already under way is left to finish. */
    @Operation(
            summary = "Poll a job now",
            description = "Makes the job due at once instead of at its next poll time; a poll already under way is"
                    + " left to finish")
    @ApiResponse(
            responseCode = "202",
            description = "The job is due now",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such job, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "409",
            description = "The job has ended; there is nothing to poll",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/jobs/{id}/poll")
    ResponseEntity<?> pollNow(@Parameter(description = "The gateway's job id") @PathVariable String id) {
        Job job = visibleJobs.find(id);
        if (job.status().isFinal()) {
            throw Problems.conflict("Job " + id + " has ended (" + job.status().wire() + "); there is nothing to poll");
        }
        store.requestPoll(id, clock.instant());
        trigger.jobsDue();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(views.view(store.findById(id).orElseThrow()));
    }
}
