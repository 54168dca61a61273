package io.github.alationgateway.stream;

import io.github.alationgateway.events.EventType;
import java.util.Map;
import java.util.Set;

/**
 * Which events one stream gets. Every part is optional (empty or null matches all) and they combine with AND.
 * {@code visibleInstances} is the API key's scope, taken when the stream opened; null means every instance.
 */
record StreamFilter(
        Set<EventType> types,
        String instance,
        String kind,
        Map<String, String> labels,
        Set<String> jobIds,
        Set<String> visibleInstances) {

    boolean matches(FeedEvent event) {
        return (visibleInstances == null || visibleInstances.contains(event.instance()))
                && (types.isEmpty() || types.contains(event.type()))
                && (instance == null || instance.equals(event.instance()))
                && (kind == null || kind.equals(event.kind()))
                && (jobIds.isEmpty() || jobIds.contains(event.jobId()))
                && labels.entrySet().stream()
                        .allMatch(l -> l.getValue().equals(event.labels().get(l.getKey())));
    }
}
