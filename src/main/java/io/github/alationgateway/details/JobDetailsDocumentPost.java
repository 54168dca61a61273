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

/** Documents and glossary terms created (POST {@code /integration/v2/document/} or {@code /term/}). */
@Schema(name = "JobDetailsDocumentPost")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDocumentPost(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDocumentPost";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDocumentPost of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsDocumentPost(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDocumentPostResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("created_term_count") long createdTermCount,

            @JsonProperty("created_terms") @ArraySchema(schema = @Schema(implementation = CreatedTerm.class))
            List<Object> createdTerms,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny("created_term_count", "created_terms"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("created_term_count"), f.list("created_terms", CreatedTerm::fit), f.unknown())));
        }
    }

    @Schema(name = "JobDetailsDocumentPostResultDetails", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record CreatedTerm(
            @JsonProperty("id") Long id,
            @JsonProperty("title") String title,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<CreatedTerm> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> f.fits(new CreatedTerm(f.id("id"), f.text("title"), f.unknown())));
        }
    }
}
