package io.github.alationgateway.details;

import tools.jackson.databind.JsonNode;

/** JobDetails: the result exactly as Alation sent it. */
public record GenericJobDetails(String type, String status, String msg, JsonNode result, boolean typed)
        implements JobDetails {}
