package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventSubscriber;
import io.github.alationgateway.events.NewEvent;
import io.github.alationgateway.store.JobCallback;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes a delivery for every receiver that wants an event, in the transaction that writes the event: no event
 * commits without its deliveries, and none is sent for a change that rolled back.
 */
@Component
class RouteEvents implements EventSubscriber {

    private final Receivers receivers;
    private final Deliveries deliveries;

    RouteEvents(Receivers receivers, Deliveries deliveries) {
        this.receivers = receivers;
        this.deliveries = deliveries;
    }

    @Override
    public void appended(List<NewEvent> events) {
        List<Deliveries.New> due = new ArrayList<>();
        boolean callbacks = receivers.callbacks().isPresent();
        for (NewEvent event : events) {
            for (Receiver receiver : receivers.all()) {
                if (!receiver.isCallbacks() && receiver.wants(event)) due.add(delivery(event, receiver.name(), null));
            }
            JobCallback callback = event.job().callback();
            if (callbacks
                    && callback != null
                    && callback.events().contains(event.type().wire())) {
                due.add(delivery(event, receivers.callbacks().get().name(), callback.url()));
            }
        }
        deliveries.insert(due);
    }

    private static Deliveries.New delivery(NewEvent event, String endpoint, String url) {
        return new Deliveries.New(
                endpoint, url, event.id(), event.type().wire(), event.job().id(), event.at());
    }
}
