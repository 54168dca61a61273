package io.github.alationgateway.registration;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job handed over by a client: what Alation answered, on which instance, and (optionally) which call started
 * it, either as a {@code kind} or as the {@code method} and {@code endpoint} the client called.
 */
record RegistrationRequest(
        JsonNode response, String instance, String kind, String method, String endpoint, Map<String, String> labels) {}
