package io.github.alationgateway.webhooks;

import io.github.alationgateway.system.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
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

    static final int MAX_PAGE_SIZE = 500;

    record Endpoints(List<WebhookEndpoints.EndpointView> items) {}

    record DeliveryView(
            long id,
            String eventId,
            String eventType,
            String jobId,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            Instant nextAttemptAt,
            Instant deliveredAt,
            Instant createdAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id(),
                    d.eventId(),
                    d.eventType(),
                    d.jobId(),
                    d.status(),
                    d.attempts(),
                    d.lastStatusCode(),
                    d.lastError(),
                    Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
                    d.deliveredAt(),
                    d.createdAt());
        }
    }

    record Page(List<DeliveryView> items, String nextCursor) {}

    private final WebhookEndpoints endpoints;
    private final Receivers receivers;
    private final Deliveries deliveries;
    private final EndpointStates states;
    private final DeliverWebhooks sender;
    private final Clock clock;

    WebhooksController(
            WebhookEndpoints endpoints,
            Receivers receivers,
            Deliveries deliveries,
            EndpointStates states,
            DeliverWebhooks sender,
            Clock clock) {
        this.endpoints = endpoints;
        this.receivers = receivers;
        this.deliveries = deliveries;
        this.states = states;
        this.sender = sender;
        this.clock = clock;
    }

    @Operation(summary = "Webhook endpoints", description = "Each with its state, counts and last outcome")
    @GetMapping
    Endpoints list() {
        return new Endpoints(endpoints.all(true));
    }

    @Operation(
            summary = "An endpoint's deliveries",
            description = "Newest first, a page at a time; pass next_cursor back as cursor until it is null")
    @GetMapping("/{name}/deliveries")
    Page deliveries(
            @PathVariable String name,
            @Parameter(description = "pending, delivered or failed") @RequestParam(required = false) String status,
            @Parameter(description = "1 to 500; 50 when left out") @RequestParam(name = "page_size", required = false)
                    Integer pageSize,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false)
                    String cursor) {
        endpoint(name);
        if (status != null
                && !List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED)
                        .contains(status)) {
            throw Problems.badField("status", "'status' must be pending, delivered or failed");
        }
        int size = pageSize == null ? 50 : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.badField("page_size", "'page_size' must be between 1 and " + MAX_PAGE_SIZE);
        }
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw Problems.badField("cursor", "'cursor' must be a next_cursor given by this API");
            }
        }
        List<Delivery> page = deliveries.list(name, status, before, size);
        String next =
                page.size() == size ? Long.toString(page.get(page.size() - 1).id()) : null;
        return new Page(page.stream().map(DeliveryView::of).toList(), next);
    }

    @Operation(summary = "Send a delivery again now", description = "Its retry schedule starts over")
    @PostMapping("/{name}/deliveries/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void retry(@PathVariable String name, @PathVariable long id) {
        endpoint(name);
        if (!deliveries.retryNow(name, id, clock.instant())) {
            throw Problems.notFound("No delivery " + id + " for endpoint '" + name + "'");
        }
        sender.wake();
    }

    @Operation(
            summary = "Enable an endpoint again",
            description = "After a 410 disabled it; its waiting deliveries go out")
    @PostMapping("/{name}/enable")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void enable(@PathVariable String name) {
        endpoint(name);
        states.enable(name);
        sender.wake();
    }

    private Receiver endpoint(String name) {
        return receivers
                .named(name)
                .orElseThrow(() -> Problems.notFound("No webhook endpoint named '" + Problems.quote(name) + "'"));
    }
}
