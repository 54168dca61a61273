package io.github.alationgateway.events;

import java.util.List;

/**
 * Called inside the transaction that writes events, with all the events of that transaction: what it writes
 * (webhook deliveries) commits or rolls back with them, so a committed event never lacks its deliveries.
 */
public interface EventSubscriber {

    void appended(List<NewEvent> events);
}
