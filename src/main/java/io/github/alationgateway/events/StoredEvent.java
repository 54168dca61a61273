package io.github.alationgateway.events;

import java.time.Instant;

/**
 * An event as stored. {@code data} is the job as GET /api/v1/jobs/{id} showed it then, as JSON text; {@link
 * #json()} is the event as receivers get it, the same bytes every time it is read.
 */
public record StoredEvent(long seq, String id, EventType type, String jobId, Instant at, String data) {

    public String json() {
        // id is a UUID, type one of ours and at an ISO-8601 instant: nothing here needs escaping.
        return "{\"id\":\"" + id + "\",\"seq\":" + seq + ",\"type\":\"" + type.wire() + "\",\"at\":\"" + at
                + "\",\"data\":" + data + "}";
    }
}
