package io.github.alationgateway.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The webhook endpoints and their deliveries, for admins. Secrets are never part of an answer. */
@Tag(name = "Webhooks", description = "Endpoints that are told when jobs change, and their deliveries (admin keys)")
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhooksController {

    record Endpoints(List<EndpointView> items) {}

    private final WebhookAdmin admin;

    WebhooksController(WebhookAdmin admin) {
        this.admin = admin;
    }

    @Operation(summary = "Webhook endpoints", description = "Each with its state, counts and last outcome")
    @GetMapping
    Endpoints list() {
        return new Endpoints(admin.endpoints());
    }

    @Operation(
            summary = "An endpoint's deliveries",
            description = "Newest first, a page at a time; pass next_cursor back as cursor until it is null")
    @GetMapping("/{name}/deliveries")
    WebhookAdmin.DeliveryPage deliveries(
            @PathVariable String name,
            @Parameter(description = "pending, delivered or failed") @RequestParam(required = false) String status,
            @Parameter(description = "1 to 500; 50 when left out") @RequestParam(name = "page_size", required = false)
                    Integer pageSize,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false)
                    String cursor) {
        return admin.deliveries(name, status, pageSize, cursor);
    }

    @Operation(summary = "Send a delivery again now", description = "Its retry schedule starts over")
    @PostMapping("/{name}/deliveries/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void retry(@PathVariable String name, @PathVariable long id) {
        admin.retry(name, id);
    }

    @Operation(
            summary = "Enable an endpoint again",
            description = "After a 410 disabled it; its waiting deliveries go out")
    @PostMapping("/{name}/enable")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void enable(@PathVariable String name) {
        admin.enable(name);
    }
}
