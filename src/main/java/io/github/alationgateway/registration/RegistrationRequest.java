package io.github.alationgateway.registration;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job handed over by a client: what Alation answered, on which instance, and (optionally) which call started
 * it, either as a {@code kind} or as the {@code method} and {@code endpoint} the client called; optionally a
 * callback for its events ({@code notify}).
 */
record RegistrationRequest(
        JsonNode response,
        String instance,
        String kind,
        String method,
        String endpoint,
        Map<String, String> labels,
        @JsonProperty("notify") Notify callback) {

    /** Where to send this job's own events (under gateway.webhooks.callback-url-prefixes), and which. */
    record Notify(String url, List<String> events) {}
}
