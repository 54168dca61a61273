package io.github.alationgateway.details;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: fixtures, serialization with a mapper that has no app config, and the "nothing lost" check. */
final class DetailsJson {

    /** Deliberately unconfigured: the details must serialize the same without the app's snake_case setting. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private DetailsJson() {}

    static JsonNode fixture(String name) {
        try (InputStream in = DetailsJson.class.getResourceAsStream("/details/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static String write(JobDetails details) {
        return JSON.writeValueAsString(details);
    }

    static JsonNode serialized(JobDetails details) {
        return JSON.readTree(write(details));
    }

    /**
     * Asserts that {@code out} still says everything {@code raw} said: every key with its value, every list item
     * in place, numbers equal by value. A raw null may have become an empty value, and a raw string may have
     * become the JSON document it held.
     */
    static void assertKeeps(JsonNode raw, JsonNode out) {
        assertKeeps(raw, out, "$");
    }

    private static void assertKeeps(JsonNode raw, JsonNode out, String path) {
        if (raw == null || raw.isNull()) return;
        assertThat(out).as("value at %s", path).isNotNull();
        if (raw.isString() && !out.isString()) {
            assertKeeps(JSON.readTree(raw.stringValue()), out, path + "(decoded)");
        } else if (raw.isObject()) {
            assertThat(out.isObject()).as("object at %s", path).isTrue();
            for (Map.Entry<String, JsonNode> entry : raw.properties()) {
                String key = entry.getKey();
                assertThat(out.has(key)).as("key %s at %s", key, path).isTrue();
                assertKeeps(entry.getValue(), out.get(key), path + "." + key);
            }
        } else if (raw.isArray()) {
            assertThat(out.isArray()).as("list at %s", path).isTrue();
            assertThat(out.size()).as("size of %s", path).isEqualTo(raw.size());
            for (int i = 0; i < raw.size(); i++) assertKeeps(raw.get(i), out.get(i), path + "[" + i + "]");
        } else if (raw.isNumber()) {
            assertThat(out.isNumber()).as("number at %s", path).isTrue();
            assertThat(out.decimalValue()).as("number at %s", path).isEqualByComparingTo(raw.decimalValue());
        } else {
            assertThat(out).as("value at %s", path).isEqualTo(raw);
        }
    }
}
