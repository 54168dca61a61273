package io.github.alationgateway.registration;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the job handle in what Alation answered when a job was started. The shapes differ by endpoint (see
 * ALATION.md §1); {@code href} is never followed: addresses come only from configuration.
 */
final class HandleParser {

    static final int MAX_NAME_LENGTH = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The {@code task.type} of Alation's business policy answers, and the kind of the call that starts such a task:
     * a client that names neither a kind nor the call still gets its job typed.
     */
    private static final Map<String, JobKind> KIND_BY_TASK_TYPE = Map.of(
            "BUSINESS_POLICY_BULK_CREATE", JobKind.BUSINESS_POLICY_POST,
            "BUSINESS_POLICY_BULK_UPDATE", JobKind.BUSINESS_POLICY_PUT);

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private HandleParser() {}

    /** The job an answer names, and the kind of that job. */
    record Handle(AlationJobRef ref, JobKind kind) {}

    /** The job the answer names, or an exception whose message tells the client what was wrong. */
    static AlationJobRef parse(JsonNode response) {
        return handle(response, null).ref();
    }

    /**
     * The job the answer names and its kind. {@code told} is the kind the client named or the call it sent
     * decides, null when it sent neither. Handles look alike across APIs ({@code {"task": {"id": ...}}} is a
     * business policy's job with a number, a data dictionary upload's task with a UUID): the kind decides first,
     * then the id's shape; a data dictionary task is always of kind DATA_DICTIONARY_UPLOAD. A client that said
     * nothing gets the kind a business policy task's {@code type} names, or GENERIC.
     */
    static Handle handle(JsonNode response, JobKind told) {
        response = object(response);
        AlationJobRef ref = ref(response, told);
        if (ref.isTask()) return new Handle(ref, JobKind.DATA_DICTIONARY_UPLOAD);
        if (told == JobKind.DATA_DICTIONARY_UPLOAD) {
            throw new InvalidHandle("A data dictionary upload is tracked by its task: send what Alation answered,"
                    + " {\"task\": {\"id\": \"<UUID>\", ...}}");
        }
        if (told != null) return new Handle(ref, told);
        JsonNode type = response.path("task").path("type");
        JobKind named = type.isString() ? KIND_BY_TASK_TYPE.get(type.asString().strip()) : null;
        return new Handle(ref, named == null ? JobKind.GENERIC : named);
    }

    private static JsonNode object(JsonNode response) {
        if (response == null || response.isNull() || response.isMissingNode()) {
            throw new InvalidHandle("'response' is required: send the JSON Alation answered when the job started");
        }
        if (response.isString()) {
            response = decodeEmbedded(response.asString());
        }
        if (!response.isObject()) {
            throw new InvalidHandle("'response' must be the JSON object Alation answered, e.g. {\"job_id\": 813}");
        }
        return response;
    }

    private static AlationJobRef ref(JsonNode response, JobKind told) {
        if (response.has("job_id")) return byId(response.get("job_id"), "response.job_id");
        if (response.path("task").has("id"))
            return byTaskId(response.get("task").get("id"), told, "response.task.id");
        if (response.path("job").has("id")) return byId(response.get("job").get("id"), "response.job.id");
        if (response.has("job_name")) return byName(response.get("job_name"));
        if (response.has("id")) return byTaskId(response.get("id"), told, "response.id");
        throw new InvalidHandle(
                "'response' holds no job handle (job_id, task.id, job.id, job_name or id)" + errorHint(response));
    }

    private static AlationJobRef byId(JsonNode value, String field) {
        BigInteger id = null;
        if (value.isIntegralNumber()) {
            id = value.bigIntegerValue();
        } else if (value.isString() && value.asString().trim().matches("\\d{1,19}")) {
            id = new BigInteger(value.asString().trim());
        }
        if (id == null || id.signum() <= 0 || id.bitLength() > 63) {
            throw new InvalidHandle("'" + field + "' must be a positive whole number, got " + abbreviate(value));
        }
        return AlationJobRef.ofId(id.longValue());
    }

    /** A task's id: a number for the job API (business policies), a UUID for the data dictionary task API. */
    private static AlationJobRef byTaskId(JsonNode value, JobKind told, String field) {
        UUID task = uuid(value);
        boolean jobApiKind = told != null && told != JobKind.GENERIC && told != JobKind.DATA_DICTIONARY_UPLOAD;
        if (task != null) {
            if (jobApiKind) {
                throw new InvalidHandle("'" + field + "' is a UUID, which names a data dictionary upload task, but "
                        + told + " jobs are tracked by Alation's numeric job id: send kind DATA_DICTIONARY_UPLOAD"
                        + " (or the upload's method and endpoint), or the answer of the call that started the "
                        + told + " job");
            }
            return AlationJobRef.ofTask(task);
        }
        if (told == JobKind.DATA_DICTIONARY_UPLOAD) {
            throw new InvalidHandle("'" + field + "' must be the UUID of a data dictionary upload task, got "
                    + abbreviate(value) + "; a numeric task id is a job of Alation's job API (a business policy's,"
                    + " say): send its own kind or call");
        }
        if (value.isIntegralNumber()
                || (value.isString() && value.asString().trim().matches("\\d{1,19}"))) {
            return byId(value, field);
        }
        throw new InvalidHandle("'" + field + "' must be a whole number (a job of Alation's job API, e.g. a business"
                + " policy task) or a UUID (a data dictionary upload task), got " + abbreviate(value));
    }

    private static UUID uuid(JsonNode value) {
        if (!value.isString()) return null;
        String text = value.asString().strip();
        if (!UUID_SHAPE.matcher(text).matches()) return null;
        return UUID.fromString(text);
    }

    private static AlationJobRef byName(JsonNode value) {
        if (!value.isString() || value.asString().isBlank()) {
            throw new InvalidHandle("'response.job_name' must be a non-empty string, got " + abbreviate(value));
        }
        String name = value.asString().trim();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidHandle("'response.job_name' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidHandle("'response.job_name' must not contain control characters");
        }
        return AlationJobRef.ofName(name);
    }

    /** Some clients forward Alation's body as a string; accept it when it is a JSON object. */
    private static JsonNode decodeEmbedded(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            try {
                return JSON.readTree(trimmed);
            } catch (JacksonException e) {
                // fall through to the shape error below
            }
        }
        throw new InvalidHandle("'response' must be the JSON object Alation answered, e.g. {\"job_id\": 813}");
    }

    /** Alation's error bodies carry detail/error/msg: quoting it tells the client why it got no job. */
    private static String errorHint(JsonNode response) {
        for (String field : new String[] {"detail", "error", "errors", "msg", "message"}) {
            if (response.has(field)) {
                return "; it looks like an error answer from Alation: " + abbreviate(response.get(field));
            }
        }
        return "";
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static final class InvalidHandle extends RuntimeException {
        InvalidHandle(String message) {
            super(message, null, false, false);
        }
    }
}
