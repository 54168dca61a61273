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

/** Dataflows created, replaced or updated (POST or PATCH {@code /integration/v2/dataflow/}). */
@Schema(name = "JobDetailsDataflowPost")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDataflowPost(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result")
        @ArraySchema(
                schema = @Schema(implementation = Item.class),
                arraySchema = @Schema(types = "array", description = Untyped.NOTE))
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDataflowPost";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDataflowPost of(String status, String msg, JsonNode raw) {
        Optional<List<Object>> typed = JsonFields.fitOrDecoded(raw, node -> JsonFields.items(node, Item::fit));
        return new JobDetailsDataflowPost(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDataflowPostResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Item(
            @JsonProperty("response") String response,

            @JsonProperty("mapping") @ArraySchema(schema = @Schema(implementation = Mapping.class))
            List<Object> mapping,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Item> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.hasAll("response", "mapping"))
                    .flatMap(f -> f.fits(new Item(f.text("response"), f.list("mapping", Mapping::fit), f.unknown())));
        }
    }

    /**
     * {@code replaced} is kept as sent: Allie-SDK declares it a string, but no public example shows what
     * Alation puts there, and a guessed type would push whole mappings back to untyped.
     */
    @Schema(name = "JobDetailsDataflowPostResultMapping", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Mapping(
            @JsonProperty("id") Long id,
            @JsonProperty("external_id") String externalId,

            @JsonProperty("replaced") @Schema(implementation = Object.class, description = "As Alation sent it.")
            JsonNode replaced,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Mapping> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f ->
                            f.fits(new Mapping(f.id("id"), f.text("external_id"), f.asSent("replaced"), f.unknown())));
        }
    }
}
