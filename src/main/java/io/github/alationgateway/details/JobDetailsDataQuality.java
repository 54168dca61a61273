package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Data quality fields or values written or deleted ({@code /integration/v1/data_quality/}). Alation leaves out
 * the actions that did nothing (a post has no {@code deleted}); they are filled with a zero count, as
 * Allie-SDK does, so every action is always present.
 */
@Schema(name = "JobDetailsDataQuality")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDataQuality(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDataQuality";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDataQuality of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsDataQuality(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDataQualityResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("fields") Action fields,
            @JsonProperty("values") Action values,
            @JsonProperty("created_object_attribution") Attribution createdObjectAttribution,

            @JsonProperty("flag_counts")
            @Schema(
                    description = "Count per flag, e.g. GOOD, WARNING, ALERT; values as Alation sent them.",
                    additionalPropertiesSchema = Long.class)
            Map<String, JsonNode> flagCounts,

            @JsonProperty("total_duration") @Schema(description = "Seconds; null when Alation does not say.")
            BigDecimal totalDuration,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        private static final String[] KEYS = {
            "fields", "values", "created_object_attribution", "flag_counts", "total_duration"
        };

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny(KEYS))
                    .flatMap(f -> f.fits(new Result(
                            f.nested("fields", Action::fit),
                            f.nested("values", Action::fit),
                            f.nested("created_object_attribution", Attribution::fit),
                            f.map("flag_counts"),
                            f.number("total_duration"),
                            f.unknown())));
        }
    }

    @Schema(name = "JobDetailsDataQualityResultAction", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Action(
            @JsonProperty("created") Stats created,
            @JsonProperty("updated") Stats updated,
            @JsonProperty("deleted") Stats deleted,
            @JsonProperty("not_found") Stats notFound,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Action> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new Action(
                            f.nested("created", Stats::fit),
                            f.nested("updated", Stats::fit),
                            f.nested("deleted", Stats::fit),
                            f.nested("not_found", Stats::fit),
                            f.unknown())));
        }
    }

    @Schema(
            name = "JobDetailsDataQualityResultActionStats",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Stats(
            @JsonProperty("count") long count,

            @JsonProperty("sample")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> sample,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Stats> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new Stats(f.count("count"), f.values("sample"), f.unknown())));
        }
    }

    @Schema(
            name = "JobDetailsDataQualityResultCreatedObjectAttribution",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Attribution(
            @JsonProperty("success_count") long successCount,
            @JsonProperty("failure_count") long failureCount,

            @JsonProperty("success_sample")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> successSample,

            @JsonProperty("failure_sample")
            @ArraySchema(schema = @Schema(implementation = Object.class, description = "As Alation sent it."))
            List<JsonNode> failureSample,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Attribution> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new Attribution(
                            f.count("success_count"),
                            f.count("failure_count"),
                            f.values("success_sample"),
                            f.values("failure_sample"),
                            f.unknown())));
        }
    }
}
