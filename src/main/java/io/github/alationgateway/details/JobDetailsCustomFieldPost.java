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
 * Custom fields created (POST {@code /integration/v2/custom_field/}). Alation sends a list of progress items,
 * often each as a JSON string; an item counts as one only with both {@code msg} and {@code data}, as Allie-SDK
 * decides, because validation errors arrive as other objects in the same list.
 */
@Schema(name = "JobDetailsCustomFieldPost")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsCustomFieldPost(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result")
        @ArraySchema(
                schema = @Schema(implementation = Item.class),
                arraySchema = @Schema(types = "array", description = Untyped.NOTE))
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsCustomFieldPost";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsCustomFieldPost of(String status, String msg, JsonNode raw) {
        Optional<List<Object>> typed = JsonFields.fitOrDecoded(raw, node -> JsonFields.items(node, Item::fit));
        return new JobDetailsCustomFieldPost(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsCustomFieldPostResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Item(
            @JsonProperty("msg") String msg,
            @JsonProperty("data") Data data,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Item> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.hasAll("msg", "data"))
                    .flatMap(f -> f.fits(new Item(f.text("msg"), f.nested("data", Data::fit), f.unknown())));
        }
    }

    @Schema(name = "JobDetailsCustomFieldPostResultData", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Data(
            @JsonProperty("field_ids") @ArraySchema(schema = @Schema(implementation = Long.class))
            List<Object> fieldIds,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Data> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> f.fits(new Data(f.list("field_ids", JsonFields::id), f.unknown())));
        }
    }
}
