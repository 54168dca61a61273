package io.github.alationgateway.events;

import io.github.alationgateway.view.JobView;
import java.time.Instant;

/**
 * An event being written, as {@link EventSubscriber}s see it inside the writing transaction: {@code job} is the
 * job as the event shows it, so that a subscriber can filter on instance, kind, labels or callback without a
 * query.
 */
public record NewEvent(String id, EventType type, Instant at, JobView job) {}
