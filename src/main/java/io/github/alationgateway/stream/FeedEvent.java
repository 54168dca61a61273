package io.github.alationgateway.stream;

import io.github.alationgateway.events.EventType;
import io.github.alationgateway.events.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as streams filter and send it: what filters look at, read once from the event's job, and the frame
 * every stream that wants it writes, made once.
 */
record FeedEvent(
        long seq,
        EventType type,
        String jobId,
        String instance,
        String kind,
        Map<String, String> labels,
        byte[] frame) {

    static FeedEvent of(StoredEvent event, JsonMapper json) {
        JsonNode job = json.readTree(event.data());
        Map<String, String> labels = new HashMap<>();
        job.path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return new FeedEvent(
                event.seq(),
                event.type(),
                event.jobId(),
                job.path("instance").asString(null),
                job.path("kind").asString(null),
                labels,
                frame(event));
    }

    /** One event on the wire: its seq is the id a client resumes from. The JSON is one line: no data line breaks. */
    static byte[] frame(StoredEvent event) {
        return ("id: " + event.seq() + "\nevent: " + event.type().wire() + "\ndata: " + event.json() + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line: clients ignore it, proxies see traffic. */
    static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
