package io.github.alationgateway.details;

import static io.github.alationgateway.details.DetailsJson.JSON;
import static io.github.alationgateway.details.DetailsJson.fixture;
import static io.github.alationgateway.details.DetailsJson.serialized;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data dictionary task and its errors, typed as Allie-SDK types them. Always: every class has exactly the
 * SDK's field names, nested the SDK's way (facts in {@code allie-sdk/data-dictionary-classes.json}). With
 * {@code ALLIE_SDK_DIR} set to a checkout of Allie-SDK: the same answers parsed by the SDK's own classes (through
 * {@code src/test/python/allie_sdk_parse.py}) and by the gateway give the same value in every field.
 */
class AllieSdkDifferentialTest {

    private static final List<String> TASKS =
            List.of("task-processing.json", "task-partially-succeeded.json", "task-failed.json");
    private static final List<String> ERRORS = List.of("task-errors.json", "task-failed-errors.json");

    private static JsonNode classes() {
        return fixture("../allie-sdk/data-dictionary-classes.json");
    }

    private static JsonNode task(String name) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.set("task", fixture("data-dictionary/" + name));
        JsonNode details = serialized(DataDictionaryTaskDetails.of("running", null, stored));
        assertThat(details.path("typed").asBoolean()).as(name).isTrue();
        return details.get("result");
    }

    private static JsonNode errors(String name) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.set("task", fixture("data-dictionary/task-failed.json"));
        stored.set("errors", fixture("data-dictionary/" + name));
        return serialized(DataDictionaryTaskDetails.of("failed", null, stored)).get("errors");
    }

    @Test
    void everyClassHasTheSdksFieldsNestedTheSdksWay() {
        JsonNode classes = classes();
        for (String name : TASKS) assertShape(task(name), "DataDictionaryTaskDetails", classes, name);
        for (String name : ERRORS) {
            for (JsonNode error : errors(name)) assertShape(error, "DataDictionaryTaskError", classes, name);
        }
    }

    /** Our keys are the SDK's, plus only keys Alation sent that the SDK's class drops. */
    private static void assertShape(JsonNode ours, String sdkClass, JsonNode classes, String where) {
        JsonNode fields = classes.get(sdkClass);
        List<String> expected = new ArrayList<>();
        fields.propertyNames().forEach(expected::add);
        assertThat(ours.propertyNames()).as("%s in %s", sdkClass, where).containsAll(expected);
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            JsonNode value = ours.get(field.getKey());
            if (field.getValue().isString() && value != null && value.isObject()) {
                assertShape(value, field.getValue().stringValue(), classes, where);
            }
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "ALLIE_SDK_DIR", matches = ".+")
    void theSdksOwnClassesReadTheSameTasksAndErrorsAlike() throws Exception {
        JsonNode sdkTasks = sdk("task", TASKS);
        for (int i = 0; i < TASKS.size(); i++) {
            assertSame(sdkTasks.get(i), task(TASKS.get(i)), TASKS.get(i));
        }
        JsonNode sdkErrors = sdk("errors", ERRORS);
        for (int i = 0; i < ERRORS.size(); i++) {
            assertSame(sdkErrors.get(i), errors(ERRORS.get(i)), ERRORS.get(i));
        }
    }

    /** Every field the SDK filled has the same value here; timestamps compared as the times they name. */
    private static void assertSame(JsonNode sdk, JsonNode ours, String path) {
        if (sdk.isObject()) {
            assertThat(ours.isObject()).as(path).isTrue();
            for (Map.Entry<String, JsonNode> field : sdk.properties()) {
                assertThat(ours.has(field.getKey()))
                        .as("%s.%s", path, field.getKey())
                        .isTrue();
                assertSame(field.getValue(), ours.get(field.getKey()), path + "." + field.getKey());
            }
        } else if (sdk.isArray()) {
            assertThat(ours.size()).as(path).isEqualTo(sdk.size());
            for (int i = 0; i < sdk.size(); i++) assertSame(sdk.get(i), ours.get(i), path + "[" + i + "]");
        } else if (path.contains(".ts_") || path.endsWith(".timestamp")) {
            // The SDK parses "...Z" into a datetime without zone; the gateway keeps Alation's text.
            assertThat(
                            ours.isNull()
                                    ? null
                                    : OffsetDateTime.parse(ours.stringValue()).toLocalDateTime())
                    .as(path)
                    .isEqualTo(sdk.isNull() ? null : LocalDateTime.parse(sdk.stringValue()));
        } else if (sdk.isNumber()) {
            assertThat(ours.decimalValue()).as(path).isEqualByComparingTo(sdk.decimalValue());
        } else {
            assertThat(ours).as(path).isEqualTo(sdk);
        }
    }

    private static JsonNode sdk(String kind, List<String> names) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "src/test/python/allie_sdk_parse.py", kind));
        for (String name : names) {
            command.add(
                    Path.of("src/test/resources/details/data-dictionary", name).toString());
        }
        Process python = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(err).isZero();
        return JSON.readTree(out);
    }
}
