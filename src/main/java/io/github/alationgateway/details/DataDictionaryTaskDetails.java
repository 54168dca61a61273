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
 * A data dictionary upload (PUT {@code /integration/v1/data_dictionary/{otype}/{oid}/upload/}), tracked through
 * Alation's task API. {@code result} is the task answer typed as Allie-SDK's {@code DataDictionaryTaskDetails};
 * {@code errors} the task's errors typed as its {@code DataDictionaryTaskError}, fetched once when the task ended
 * FAILED or PARTIALLY_SUCCEEDED, and empty otherwise. Timestamps are kept as Alation wrote them.
 */
@Schema(name = "DataDictionaryTaskDetails")
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record DataDictionaryTaskDetails(
        @JsonProperty("status") String status,
        @JsonProperty("msg") String msg,

        @JsonProperty("result") @Schema(implementation = Task.class, description = Untyped.NOTE)
        Object result,

        @JsonProperty("typed") boolean typed,

        @JsonProperty("errors")
        @ArraySchema(
                schema = @Schema(implementation = TaskError.class),
                arraySchema =
                        @Schema(
                                description = "The task's errors, empty when it has none; an item that does not"
                                        + " fit is kept as sent."))
        List<Object> errors)
        implements JobDetails {

    static final String TYPE = "DataDictionaryTaskDetails";

    @Override
    public String type() {
        return TYPE;
    }

    /** {@code raw} is what the poller stored: {@code {"task": <task answer>, "errors": [...]}}, or null. */
    static DataDictionaryTaskDetails of(String status, String msg, JsonNode raw) {
        JsonNode task = raw == null ? null : raw.get("task");
        Optional<Task> typed = Task.fit(task);
        List<Object> errors = raw == null
                ? List.of()
                : JsonFields.items(raw.get("errors"), TaskError::fit).orElse(List.of());
        // Untyped, the result is what was stored, whole, as for every other class.
        return new DataDictionaryTaskDetails(status, msg, Untyped.orRaw(typed, raw), typed.isPresent(), errors);
    }

    /** The batches Alation reports done and in all; empty before the task has counted them. */
    static Optional<JobProgress> progress(JsonNode raw) {
        JsonNode progress = raw == null ? null : raw.path("task").path("progress");
        if (progress == null || !progress.isObject()) return Optional.empty();
        Optional<Long> done = JsonFields.id(progress.get("batches_completed"));
        Optional<Long> total = JsonFields.id(progress.get("total_batches"));
        if (done.isEmpty() || total.isEmpty() || total.get() <= 0) return Optional.empty();
        return Optional.of(new JobProgress(done.get(), total.get()));
    }

    @Schema(name = "DataDictionaryTaskDetailsResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Task(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("state") String state,
            @JsonProperty("status") String status,
            @JsonProperty("progress") Progress progress,
            @JsonProperty("result") Result result,
            @JsonProperty("ts_created") String tsCreated,
            @JsonProperty("ts_updated") String tsUpdated,
            @JsonProperty("ts_completed") String tsCompleted,
            @JsonProperty("dd_resource") Resource ddResource,
            @JsonProperty("report_download_link") String reportDownloadLink,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Task> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.hasAny("id", "state"))
                    .flatMap(f -> f.fits(new Task(
                            f.text("id"),
                            f.text("type"),
                            f.text("state"),
                            f.text("status"),
                            f.nestedOrNull("progress", Progress::fit),
                            f.nestedOrNull("result", Result::fit),
                            f.text("ts_created"),
                            f.text("ts_updated"),
                            f.text("ts_completed"),
                            f.nestedOrNull("dd_resource", Resource::fit),
                            f.text("report_download_link"),
                            f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskProgress", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Progress(
            @JsonProperty("total_batches") Long totalBatches,
            @JsonProperty("batches_completed") Long batchesCompleted,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Progress> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new Progress(f.id("total_batches"), f.id("batches_completed"), f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("records") Records records,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Result> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new Result(f.nestedOrNull("records", Records::fit), f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskRecords", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Records(
            @JsonProperty("total") Long total,
            @JsonProperty("succeeded") Long succeeded,
            @JsonProperty("failed") Long failed,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Records> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new Records(f.id("total"), f.id("succeeded"), f.id("failed"), f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryResource", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record Resource(
            @JsonProperty("id") String id,

            @JsonProperty("oid")
            @Schema(
                    implementation = Object.class,
                    description = "The catalog object's id, a number or a text as Alation sent it")
            JsonNode oid,

            @JsonProperty("otype") String otype,
            @JsonProperty("user_id") Long userId,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<Resource> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> {
                JsonNode oid = f.asSent("oid");
                boolean oidFits = oid == null || oid.isIntegralNumber() || oid.isString();
                Resource resource = new Resource(f.text("id"), oid, f.text("otype"), f.id("user_id"), f.unknown());
                return oidFits ? f.fits(resource) : Optional.empty();
            });
        }
    }

    @Schema(name = "DataDictionaryTaskError", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record TaskError(
            @JsonProperty("timestamp") String timestamp,
            @JsonProperty("name") String name,
            @JsonProperty("fatal") Boolean fatal,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("original_error_message") String originalErrorMessage,
            @JsonProperty("details") ErrorDetails details,
            @JsonProperty("category") String category,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<TaskError> fit(JsonNode node) {
            return JsonFields.of(node)
                    .filter(f -> f.hasAny("error_message", "name", "category", "fatal", "details"))
                    .flatMap(f -> f.fits(new TaskError(
                            f.text("timestamp"),
                            f.text("name"),
                            f.bool("fatal"),
                            f.text("error_message"),
                            f.text("original_error_message"),
                            f.nestedOrNull("details", ErrorDetails::fit),
                            f.text("category"),
                            f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskErrorDetails", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record ErrorDetails(
            @JsonProperty("items") ErrorItems items,
            @JsonProperty("error") String error,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<ErrorDetails> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(
                            new ErrorDetails(f.nestedOrNull("items", ErrorItems::fit), f.text("error"), f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskErrorDetailItems", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record ErrorItems(
            @JsonProperty("range") ErrorRange range,
            @JsonProperty("total") Long total,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<ErrorItems> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(
                            new ErrorItems(f.nestedOrNull("range", ErrorRange::fit), f.id("total"), f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskErrorRange", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record ErrorRange(
            @JsonProperty("start") RangeEnd start,
            @JsonProperty("end") RangeEnd end,
            @JsonProperty("start_inclusive") Boolean startInclusive,
            @JsonProperty("end_inclusive") Boolean endInclusive,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<ErrorRange> fit(JsonNode node) {
            return JsonFields.of(node)
                    .flatMap(f -> f.fits(new ErrorRange(
                            f.nestedOrNull("start", RangeEnd::fit),
                            f.nestedOrNull("end", RangeEnd::fit),
                            f.bool("start_inclusive"),
                            f.bool("end_inclusive"),
                            f.unknown())));
        }
    }

    @Schema(name = "DataDictionaryTaskErrorRangeEndpoint", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    public record RangeEnd(
            @JsonProperty("index") Long index,
            @JsonProperty("key") String key,
            @JsonAnyGetter @Schema(hidden = true) Map<String, JsonNode> unknown) {

        static Optional<RangeEnd> fit(JsonNode node) {
            return JsonFields.of(node).flatMap(f -> f.fits(new RangeEnd(f.id("index"), f.text("key"), f.unknown())));
        }
    }
}
