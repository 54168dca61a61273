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

/** Documents deleted (DELETE {@code /integration/v2/document/}). */
@Schema(name = "JobDetailsDocumentDelete")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDocumentDelete(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDocumentDelete";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDocumentDelete of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsDocumentDelete(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDocumentDeleteResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("deleted_document_count") long deletedDocumentCount,

            @JsonProperty("deleted_document_ids") @ArraySchema(schema = @Schema(implementation = Long.class))
            List<Object> deletedDocumentIds,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny("deleted_document_count", "deleted_document_ids"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("deleted_document_count"),
                            f.list("deleted_document_ids", JsonFields::id),
                            f.unknown())));
        }
    }
}
