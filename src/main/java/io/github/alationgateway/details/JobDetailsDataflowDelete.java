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
 * Dataflows deleted (DELETE {@code /integration/v2/dataflow/}). An item needs {@code response} and
 * {@code mapping}; an absent {@code failed} list means nothing failed and is filled (Allie-SDK refuses it).
 */
@Schema(name = "JobDetailsDataflowDelete")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDataflowDelete(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result")
        @ArraySchema(
                schema = @Schema(implementation = Item.class),
                arraySchema = @Schema(types = "array", description = Untyped.NOTE))
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDataflowDelete";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDataflowDelete of(String status, String msg, JsonNode raw) {
        Optional<List<Object>> typed = JsonFields.fitOrDecoded(raw, node -> JsonFields.items(node, Item::fit));
        return new JobDetailsDataflowDelete(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDataflowDeleteResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Item(
            @JsonProperty("response") String response,

            @JsonProperty("mapping") @ArraySchema(schema = @Schema(implementation = Mapping.class))
            List<Object> mapping,

            @JsonProperty("failed")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> failed,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Item> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.hasAll("response", "mapping"))
                    .flatMap(f -> f.fits(new Item(
                            f.text("response"), f.list("mapping", Mapping::fit), f.values("failed"), f.unknown())));
        }
    }

    @Schema(
            name = "JobDetailsDataflowDeleteResultMapping",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Mapping(
            @JsonProperty("id") Long id,
            @JsonProperty("external_id") String externalId,

            @JsonProperty("impacted_dfos")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> impactedDfos,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Mapping> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(
                            new Mapping(f.id("id"), f.text("external_id"), f.values("impacted_dfos"), f.unknown())));
        }
    }
}
