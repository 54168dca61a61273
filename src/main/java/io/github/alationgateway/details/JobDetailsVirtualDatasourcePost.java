package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Metadata loaded into a virtual data source (POST {@code /api/v1/bulk_metadata/extraction/{ds_id}}). Alation
 * sends the result as a JSON document inside a string; it is decoded here. Allie-SDK fails on a string that
 * is not JSON; the gateway keeps it as sent instead.
 */
@Schema(name = "JobDetailsVirtualDatasourcePost")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsVirtualDatasourcePost(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsVirtualDatasourcePost";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsVirtualDatasourcePost of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsVirtualDatasourcePost(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(
            name = "JobDetailsVirtualDatasourcePostResult",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("number_received") long numberReceived,
            @JsonProperty("updated_objects") long updatedObjects,

            @JsonProperty("error_objects")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> errorObjects,

            @JsonProperty("error") String error,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f ->
                            f.isEmpty() || f.hasAny("number_received", "updated_objects", "error_objects", "error"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("number_received"),
                            f.count("updated_objects"),
                            f.values("error_objects"),
                            f.text("error"),
                            f.unknown())));
        }
    }
}
