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

/** Documents and glossary terms updated (PUT {@code /integration/v2/document/} or {@code /term/}). */
@Schema(name = "JobDetailsDocumentPut")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDocumentPut(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDocumentPut";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDocumentPut of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsDocumentPut(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDocumentPutResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("updated_term_count") long updatedTermCount,

            @JsonProperty("updated_terms") @ArraySchema(schema = @Schema(implementation = UpdatedTerm.class))
            List<Object> updatedTerms,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny("updated_term_count", "updated_terms"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("updated_term_count"), f.list("updated_terms", UpdatedTerm::fit), f.unknown())));
        }
    }

    @Schema(name = "JobDetailsDocumentPutResultDetails", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record UpdatedTerm(
            @JsonProperty("id") Long id,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<UpdatedTerm> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> f.fits(new UpdatedTerm(f.id("id"), f.unknown())));
        }
    }
}
