package io.github.alationgateway.polling;

import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Jobs", description = "Register Alation jobs and read what the gateway knows of them")
@RestController
class PollNowController {

    private final PollNow pollNow;
    private final JobViews views;

    PollNowController(PollNow pollNow, JobViews views) {
        this.pollNow = pollNow;
        this.views = views;
    }

    /**
     * 202: the job is due now and this replica's poller is woken. 409 when nothing changed: the job has ended, or
     * a poll of it is under way; the detail says which.
     */
    @Operation(
            summary = "Poll a job now",
            description = "Makes the job due at once instead of at its next poll time. A job that has ended, or whose"
                    + " poll is under way (left to finish), answers 409 and the detail says which")
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
            description = "Nothing changed: the job has ended, or a poll of it is under way",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/jobs/{id}/poll")
    ResponseEntity<?> pollNow(@Parameter(description = "The gateway's job id") @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.view(pollNow.request(id)));
    }
}
