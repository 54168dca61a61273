package io.github.alationgateway.stream;

import java.util.List;

/**
 * What a client asks of a stream, as it wrote it: the filters and the resume point, checked when the stream opens.
 * Every part may be null.
 *
 * @param types event types, comma-separated
 * @param labels {@code key:value}, each required
 * @param jobIds the gateway's job ids, at most {@link EventStreams#MAX_JOB_IDS}
 * @param after resume after this seq
 * @param lastEventId resume after this seq, as EventSource sends it; wins over {@code after}
 */
public record StreamQuery(
        String types,
        String instance,
        String kind,
        List<String> labels,
        List<String> jobIds,
        String after,
        String lastEventId) {}
