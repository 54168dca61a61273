package io.github.alationgateway.registration;

import io.github.alationgateway.store.DeleteJobs;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.system.LogSafe;
import io.github.alationgateway.view.VisibleJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stops tracking a job and deletes it with its logs, labels, callback and follow-ups. A job under poll may go
 * too: the poller's outcome is written only where version and lease owner still match, and there is no row left
 * to match, so nothing of that poll lands after the delete.
 */
@Tag(name = "Jobs", description = "Register Alation jobs and read what the gateway knows of them")
@RestController
class ForgetJobController {

    private static final Logger log = LoggerFactory.getLogger(ForgetJobController.class);

    private final VisibleJobs visibleJobs;
    private final DeleteJobs deleteJobs;

    ForgetJobController(VisibleJobs visibleJobs, DeleteJobs deleteJobs) {
        this.visibleJobs = visibleJobs;
        this.deleteJobs = deleteJobs;
    }

    @Operation(
            summary = "Forget a job",
            description = "Stops tracking the job and deletes it with its logs and its follow-up jobs")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(
            responseCode = "404",
            description = "No such job, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/api/v1/jobs/{id}")
    ResponseEntity<Void> forget(
            @Parameter(description = "The gateway's job id") @PathVariable String id,
            @Parameter(hidden = true) Principal caller) {
        Job job = visibleJobs.find(id);
        if (deleteJobs.deleteChain(job.id())) {
            log.info(
                    "Deleted job {} (Alation {} on instance '{}') and its follow-ups at the request of {}",
                    job.id(),
                    LogSafe.of(job.alationRef()),
                    LogSafe.of(job.instance()),
                    caller == null ? "an anonymous caller" : LogSafe.of(caller.getName()));
        }
        return ResponseEntity.noContent().build();
    }
}
