package io.github.alationgateway.registration;

import io.github.alationgateway.security.RequestQuota;
import io.github.alationgateway.store.RegisterBatch;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.JobView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Many registrations in one call: each item is what {@code POST /api/v1/jobs} takes, checked as that call checks
 * it, and the accepted ones are registered together in one transaction (store/RegisterBatch), idempotent on the
 * Alation job like the single call, so a repeated item, even within one batch, answers the job already tracked.
 * An item that is refused never fails the others: it answers its own status and problem.
 */
@Tag(name = "Jobs", description = "Register Alation jobs and read what the gateway knows of them")
@RestController
@RequestMapping("/api/v1/jobs")
class BatchRegistrationController {

    static final int MAX_ITEMS = 500;

    private final RegisterJob registerJob;
    private final ObjectMapper json;
    private final RequestQuota quota;

    BatchRegistrationController(RegisterJob registerJob, ObjectMapper json, RequestQuota quota) {
        this.registerJob = registerJob;
        this.json = json;
        this.quota = quota;
    }

    record Batch(List<JsonNode> items) {}

    /** One item's answer: 201 or 200 with the job, or 400 or 403 with the problem. */
    record Item(int status, JobView job, ProblemDetail problem) {}

    record Answer(List<Item> items) {}

    @Operation(
            summary = "Track many Alation jobs at once",
            description = "{\"items\": [...]} of 1 to 500 bodies of POST /api/v1/jobs. Answers 200 with one item per"
                    + " request item, in order: status 201 (now tracked) or 200 (already tracked) with the job, or 400"
                    + " or 403 with a problem. One bad item never fails the others. The rate limit counts items.")
    @ApiResponse(responseCode = "200", description = "One answer per item, in request order")
    @ApiResponse(
            responseCode = "400",
            description = "No items, more than 500, or not a JSON object with items",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(
            path = "/batch",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Answer register(@RequestBody(required = false) Batch batch, @Parameter(hidden = true) Principal caller) {
        if (batch == null || batch.items() == null || batch.items().isEmpty()) {
            throw Problems.badField("items", "Send {\"items\": [...]} with 1 to " + MAX_ITEMS + " registrations");
        }
        if (batch.items().size() > MAX_ITEMS) {
            throw Problems.badField(
                    "items",
                    "At most " + MAX_ITEMS + " items per batch, got "
                            + batch.items().size());
        }
        // The door took one request; the batch stands for one per item.
        quota.charge(batch.items().size() - 1);
        String by = caller == null ? null : caller.getName();
        // Every item is checked first; the accepted ones are then registered together, in one transaction.
        List<RegisterBatch.Item> accepted = new ArrayList<>();
        List<ErrorResponseException> refused = new ArrayList<>();
        for (JsonNode item : batch.items()) {
            try {
                accepted.add(registerJob.check(request(item), by));
                refused.add(null);
            } catch (ErrorResponseException e) {
                refused.add(e);
            }
        }
        Iterator<RegisterJob.Registered> stored =
                registerJob.registerAll(accepted).iterator();
        List<Item> answers = new ArrayList<>(refused.size());
        for (ErrorResponseException e : refused) {
            if (e == null) {
                RegisterJob.Registered r = stored.next();
                answers.add(new Item(r.created() ? HttpStatus.CREATED.value() : HttpStatus.OK.value(), r.job(), null));
            } else {
                answers.add(new Item(e.getStatusCode().value(), null, e.getBody()));
            }
        }
        return new Answer(answers);
    }

    private RegistrationRequest request(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw Problems.badRequest("Each item is a registration object: {\"response\": {...}, ...}");
        }
        try {
            return json.treeToValue(item, RegistrationRequest.class);
        } catch (JacksonException e) {
            throw Problems.badRequest("This item is not a registration: " + Problems.quote(e.getOriginalMessage()));
        }
    }
}
