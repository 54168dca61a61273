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

/** Document hub folders deleted (DELETE {@code /integration/v2/folder/}). */
@Schema(name = "JobDetailsDocumentHubFolderDelete")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDocumentHubFolderDelete(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDocumentHubFolderDelete";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDocumentHubFolderDelete of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsDocumentHubFolderDelete(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(
            name = "JobDetailsDocumentHubFolderDeleteResult",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("deleted_folder_count") long deletedFolderCount,

            @JsonProperty("deleted_folder_ids") @ArraySchema(schema = @Schema(implementation = Long.class))
            List<Object> deletedFolderIds,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny("deleted_folder_count", "deleted_folder_ids"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("deleted_folder_count"),
                            f.list("deleted_folder_ids", JsonFields::id),
                            f.unknown())));
        }
    }
}
