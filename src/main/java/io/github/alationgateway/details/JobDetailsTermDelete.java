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

/** Glossary terms deleted (DELETE {@code /integration/v2/term/}); Alation names the keys after terms here. */
@Schema(name = "JobDetailsTermDelete")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsTermDelete(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsTermDelete";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsTermDelete of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsTermDelete(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsTermDeleteResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("deleted_term_count") long deletedTermCount,

            @JsonProperty("deleted_term_ids") @ArraySchema(schema = @Schema(implementation = Long.class))
            List<Object> deletedTermIds,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny("deleted_term_count", "deleted_term_ids"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("deleted_term_count"), f.list("deleted_term_ids", JsonFields::id), f.unknown())));
        }
    }
}
