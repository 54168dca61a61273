package io.github.alationgateway.waiting;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@Tag(name = "Jobs")
@RestController
class WaitController {

    static final int MAX_IDS = 500;
    private static final String DEFAULT_TIMEOUT = "60s";

    private final JobWaits waits;
    private final JobStore store;
    private final InstanceScope scope;

    WaitController(JobWaits waits, JobStore store, InstanceScope scope) {
        this.waits = waits;
        this.store = store;
        this.scope = scope;
    }

    /** {@code for} is a Java keyword, hence the name {@code until} here. */
    record WaitRequest(
            List<String> ids,
            String mode,
            String timeout,
            @JsonProperty("for") String until) {}

    record WaitAnswer(boolean done, List<JobView> items) {}

    @Operation(
            summary = "Wait for several jobs",
            description = "Answers once all (mode 'all', the default) or any (mode 'any') of the jobs have ended, or"
                    + " with 'for': 'chain' once their chains are final; at the end of 'timeout' (default 60s) it"
                    + " answers anyway, with done false. A read: sent as a POST only because the list is long.")
    @ApiResponse(responseCode = "200", description = "The jobs as they stand, in the order asked")
    @ApiResponse(
            responseCode = "400",
            description = "No ids, more than 500, or a mode, timeout or for that is not valid; 'field' names it",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "404",
            description = "A job that does not exist, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(
            path = "/api/v1/jobs/wait",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<WaitAnswer> await(@RequestBody(required = false) WaitRequest request) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw Problems.badField("ids", "'ids' lists the gateway's ids of the jobs to wait for");
        }
        if (request.ids().size() > MAX_IDS) {
            throw Problems.badField("ids", "At most " + MAX_IDS + " ids in one wait; split the list");
        }
        for (String id : request.ids()) {
            if (id == null || id.isBlank() || id.length() > 36) {
                throw Problems.badField("ids", "Each id is a job id as the gateway gave it out");
            }
        }
        WaitMode mode = WaitMode.parse(request.mode());
        WaitFor target = WaitFor.parse("for", request.until());
        Duration timeout = waits.parseWait("timeout", request.timeout() == null ? DEFAULT_TIMEOUT : request.timeout());
        requireVisible(request.ids());
        return waits.await(
                request.ids(), mode, target, timeout, answer -> new WaitAnswer(answer.done(), answer.items()));
    }

    /** Another instance's job answers 404, as if it did not exist, as everywhere else. */
    private void requireVisible(List<String> ids) {
        Set<String> visible = store.findAllById(Set.copyOf(ids)).stream()
                .filter(job -> scope.canSee(job.instance()))
                .map(Job::id)
                .collect(Collectors.toSet());
        List<String> missing =
                ids.stream().filter(id -> !visible.contains(id)).distinct().toList();
        if (!missing.isEmpty()) {
            throw Problems.notFound("No job with id "
                    + missing.stream()
                            .limit(5)
                            .map(id -> "'" + Problems.quote(id) + "'")
                            .collect(Collectors.joining(", "))
                    + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
        }
    }
}
