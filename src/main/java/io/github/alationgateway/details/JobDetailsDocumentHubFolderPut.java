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

/** Document hub folders updated (PUT {@code /integration/v2/folder/}). */
@Schema(name = "JobDetailsDocumentHubFolderPut")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record JobDetailsDocumentHubFolderPut(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Result.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed)
        implements JobDetails {

    static final String TYPE = "JobDetailsDocumentHubFolderPut";

    @Override
    public String type() {
        return TYPE;
    }

    static JobDetailsDocumentHubFolderPut of(String status, String msg, JsonNode raw) {
        Optional<Result> typed = JsonFields.fitOrDecoded(raw, Result::fit);
        return new JobDetailsDocumentHubFolderPut(status, msg, Untyped.orRaw(typed, raw), typed.isPresent());
    }

    @Schema(name = "JobDetailsDocumentHubFolderPutResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("updated_folder_count") long updatedFolderCount,

            @JsonProperty("updated_folders") @ArraySchema(schema = @Schema(implementation = Folder.class))
            List<Object> updatedFolders,

            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.isEmpty() || f.hasAny("updated_folder_count", "updated_folders"))
                    .flatMap(f -> f.fits(new Result(
                            f.count("updated_folder_count"), f.list("updated_folders", Folder::fit), f.unknown())));
        }
    }

    @Schema(
            name = "JobDetailsDocumentHubFolderPutResultUpdatedFolder",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Folder(
            @JsonProperty("id") Long id,
            @JsonProperty("title") String title,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Folder> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> f.fits(new Folder(f.id("id"), f.text("title"), f.unknown())));
        }
    }
}
