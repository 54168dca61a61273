package io.github.alationgateway.registration;

import io.github.alationgateway.query.JobView;
import io.github.alationgateway.query.JobViews;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jobs")
class RegistrationController {

    private final RegisterJob registerJob;
    private final JobViews views;

    RegistrationController(RegisterJob registerJob, JobViews views) {
        this.registerJob = registerJob;
        this.views = views;
    }

    /** 201 with the new job, or 200 with the job already tracked for the same Alation job. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> register(@RequestBody(required = false) RegistrationRequest request, Principal caller) {
        var registration = registerJob.register(request, caller == null ? null : caller.getName());
        JobView view = views.view(registration.job());
        if (!registration.created()) return ResponseEntity.ok(view);
        return ResponseEntity.created(URI.create("/api/v1/jobs/" + view.id())).body(view);
    }
}
