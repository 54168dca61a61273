package io.github.alationgateway.registration;

import io.github.alationgateway.view.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Jobs", description = "Register Alation jobs and read what the gateway knows of them")
@RestController
@RequestMapping("/api/v1/jobs")
class RegistrationController {

    private final RegisterJob registerJob;

    RegistrationController(RegisterJob registerJob) {
        this.registerJob = registerJob;
    }

    /** 201 with the new job, or 200 with the job already tracked for the same Alation job. */
    @Operation(
            summary = "Track an Alation job",
            description = "Send what Alation answered when it started the job (response), the instance it runs on"
                    + " (optional with one instance), and the call that started it (method and endpoint, or kind) so"
                    + " that its details are typed. Registering the same Alation job again returns the job already"
                    + " tracked.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = RegistrationRequest.class),
                                            examples =
                                                    @io.swagger.v3.oas.annotations.media.ExampleObject(
                                                            value = "{\"response\": {\"job_id\": 813, \"href\":"
                                                                    + " \"/api/v1/bulk_metadata/job/?id=813\"}, \"instance\": \"prod\","
                                                                    + " \"method\": \"POST\", \"endpoint\": \"/integration/v2/document/\","
                                                                    + " \"labels\": {\"pipeline\": \"nightly\"}}"))))
    @ApiResponse(responseCode = "201", description = "Now tracked; Location names the new job")
    @ApiResponse(responseCode = "200", description = "This Alation job was already tracked: that job")
    @ApiResponse(
            responseCode = "400",
            description = "No job handle in response, unknown instance or kind, or a bad label",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> register(
            @RequestBody(required = false) RegistrationRequest request, @Parameter(hidden = true) Principal caller) {
        var registration = registerJob.register(request, caller == null ? null : caller.getName());
        JobView view = registration.job();
        if (!registration.created()) return ResponseEntity.ok(view);
        return ResponseEntity.created(URI.create("/api/v1/jobs/" + view.id())).body(view);
    }
}
