package io.github.alationgateway.alation;

import java.net.URI;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alation's data dictionary task API, read into the job API's vocabulary so that the poller decides a task's
 * outcome by the same rules as a job's: a task is {@code running} until its {@code state} is {@code COMPLETED},
 * then {@code SUCCEEDED}, {@code PARTIALLY_SUCCEEDED} and {@code FAILED} read as {@code successful},
 * {@code partially_successful} and {@code failed}. The result is {@code {"task": <the task answer>}}, plus
 * {@code "errors": [...]} once a completed task has errors to fetch: they are fetched in the same poll as the
 * final status, so that the status is never written without them.
 */
final class DataDictionaryTasks {

    /** One authorised GET, answering the response or throwing an {@link AnswerException} with what went wrong. */
    interface Get {
        AlationAnswer get(URI uri);
    }

    private final String tasksPrefix;
    private final ObjectMapper json;
    private final StatusAnswers faults;

    DataDictionaryTasks(URI baseUrl, ObjectMapper json, StatusAnswers faults) {
        String base = baseUrl.toString();
        this.tasksPrefix = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/integration/v1/data_dictionary/tasks/";
        this.json = json;
        this.faults = faults;
    }

    JobStatusAnswer fetch(AlationJobRef task, Get get) {
        // The id is a UUID (checked at registration), so it needs no encoding.
        AlationAnswer response = get.get(URI.create(tasksPrefix + task.taskId()));
        if (!ok(response)) return faults.read(response, task);
        JsonNode doc = document(response);
        if (doc == null || !doc.isObject() || !text(doc, "state")) {
            return new JobStatusAnswer.Unavailable("answer is not a data dictionary task (no state)");
        }
        String state = doc.get("state").asString().strip();
        ObjectNode result = json.createObjectNode();
        result.set("task", doc);
        if (!"COMPLETED".equalsIgnoreCase(state)) {
            return new JobStatusAnswer.Status("running", "Task " + state, result);
        }
        String status = text(doc, "status") ? doc.get("status").asString().strip() : null;
        String reported = reported(status);
        if ("failed".equals(reported) || "partially_successful".equals(reported)) {
            AlationAnswer errors = get.get(URI.create(tasksPrefix + task.taskId() + "/errors/"));
            // A task Alation has just shown us whose errors it does not know has none on record.
            if (errors.statusCode() != 404 || StatusAnswers.contentType(errors).contains("html")) {
                if (!ok(errors)) return faults.read(errors, task);
                JsonNode list = errorList(document(errors));
                if (list == null) {
                    return new JobStatusAnswer.Unavailable("answer is not a list of data dictionary task errors");
                }
                result.set("errors", list);
            } else {
                result.set("errors", json.createArrayNode());
            }
        }
        return new JobStatusAnswer.Status(reported, completedMessage(status, doc, result.get("errors")), result);
    }

    /** The job API's word for a completed task's status; an unknown one is kept as sent, so polling goes on. */
    private static String reported(String status) {
        if (status == null) return "COMPLETED without a status";
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "SUCCEEDED" -> "successful";
            case "PARTIALLY_SUCCEEDED" -> "partially_successful";
            case "FAILED" -> "failed";
            default -> status;
        };
    }

    /** Says what Allie-SDK says of a completed upload: the record counts, and the first error of a failed one. */
    private static String completedMessage(String status, JsonNode task, JsonNode errors) {
        StringBuilder msg = new StringBuilder("Task COMPLETED: ").append(status);
        JsonNode records = task.path("result").path("records");
        if (records.isObject()) {
            msg.append("; records: ")
                    .append(records.path("total").asString("?"))
                    .append(" total, ")
                    .append(records.path("succeeded").asString("?"))
                    .append(" succeeded, ")
                    .append(records.path("failed").asString("?"))
                    .append(" failed");
        }
        if (errors != null && !errors.isEmpty()) {
            JsonNode first = errors.get(0).path("error_message");
            if (first.isString()) msg.append("; first error: ").append(first.asString());
        }
        return msg.toString();
    }

    /** Alation answers a list; a single error object (as Allie-SDK's own test mocks it) is a list of one. */
    private ArrayNode errorList(JsonNode doc) {
        if (doc == null || doc.isNull()) return json.createArrayNode();
        if (doc.isMissingNode()) return null;
        if (doc.isArray()) return (ArrayNode) doc;
        if (doc.isObject()) return json.createArrayNode().add(doc);
        return null;
    }

    private static boolean ok(AlationAnswer response) {
        return response.statusCode() >= 200
                && response.statusCode() < 300
                && !StatusAnswers.contentType(response).contains("html");
    }

    /** Null for an empty body; a missing node for a body that is not JSON. */
    private JsonNode document(AlationAnswer response) {
        if (response.body() == null || response.body().length == 0) return null;
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    private static boolean text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value != null && value.isString() && !value.asString().isBlank();
    }
}
