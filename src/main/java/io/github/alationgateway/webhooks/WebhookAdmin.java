package io.github.alationgateway.webhooks;

import io.github.alationgateway.system.Problems;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What an admin may see and do with webhooks, whether through the API or the dashboard: the endpoints, their
 * deliveries page by page, sending one again, enabling an endpoint that answered 410. Bad input and unknown names
 * are problems (4xx) here, once for both.
 */
@Service
public class WebhookAdmin {

    public static final int MAX_PAGE_SIZE = 500;
    public static final List<String> STATUSES = List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED);

    /** A page of deliveries, newest first; {@code nextCursor} is null on the last. */
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {}

    private final WebhookEndpoints endpoints;
    private final Receivers receivers;
    private final Deliveries deliveries;
    private final EndpointStates states;
    private final DeliverWebhooks sender;
    private final Clock clock;

    WebhookAdmin(
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

    /** Every endpoint with its state and counts, counted now. */
    public List<EndpointView> endpoints() {
        return endpoints.all(true);
    }

    /**
     * {@code status} null for all; {@code pageSize} null for 50; {@code cursor} the previous page's
     * {@code nextCursor}.
     */
    public DeliveryPage deliveries(String name, String status, Integer pageSize, String cursor) {
        endpoint(name);
        if (status != null && !STATUSES.contains(status)) {
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
        return new DeliveryPage(page.stream().map(DeliveryView::of).toList(), next);
    }

    /** Makes a delivery due now with its retry schedule from the start, and wakes the sender. */
    public void retry(String name, long id) {
        endpoint(name);
        if (!deliveries.retryNow(name, id, clock.instant())) {
            throw Problems.notFound("No delivery " + id + " for endpoint '" + name + "'");
        }
        sender.wake();
    }

    /** Enables an endpoint a 410 disabled; its waiting deliveries go out. */
    public void enable(String name) {
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
