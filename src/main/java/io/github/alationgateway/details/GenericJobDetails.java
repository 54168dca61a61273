package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Allie-SDK's plain {@code JobDetails}: the result exactly as Alation sent it, which always "fits". */
@Schema(name = "GenericJobDetails", description = "JobDetails: the result exactly as Alation sent it.")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record GenericJobDetails(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result")
        @Schema(implementation = Object.class, description = "As Alation sent it: null, text, object or list.")
        JsonNode result)
        implements JobDetails {

    static final String TYPE = "JobDetails";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean typed() {
        return true;
    }
}
