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
 * Schemas, tables or columns upserted (POST or PATCH {@code /integration/v2/schema/}, {@code /table/},
 * {@code /column/}). An item needs {@code response} and {@code mapping} to count as one; Allie-SDK also wants
 * {@code errors}, but an absent error list means none, so it is filled instead of refusing the item.
 */
@Schema(name = "JobDetailsRdbms")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsRdbms(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result")
        @ArraySchema(
                schema = @Schema(implementation = Item.class),
                arraySchema = @Schema(types = "array", description = Untyped.NOTE))
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsRdbms";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsRdbms of(String status, String msg, JsonNode raw) {
        Optional<List<Object>> typed = JsonFields.fitOrDecoded(raw, node -> JsonFields.items(node, Item::fit));
        return new JobDetailsRdbms(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsRdbmsResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Item(
            @JsonProperty("response") String response,

            @JsonProperty("mapping") @ArraySchema(schema = @Schema(implementation = Mapping.class))
            List<Object> mapping,

            @JsonProperty("errors")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> errors,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Item> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.hasAll("response", "mapping"))
                    .flatMap(f -> f.fits(new Item(
                            f.text("response"), f.list("mapping", Mapping::fit), f.values("errors"), f.unknown())));
        }
    }

    @Schema(name = "JobDetailsRdbmsResultMapping", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Mapping(
            @JsonProperty("id") Long id,
            @JsonProperty("key") String key,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Mapping> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> f.fits(new Mapping(f.id("id"), f.text("key"), f.unknown())));
        }
    }
}
