package io.github.alationgateway.details;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads one JSON object of Alation's into the fields of a typed record. The rules every data class shares:
 *
 * <ul>
 *   <li>An object is taken for its class only if it shows it: a whole result needs at least one of the class's
 *       keys (or is empty), a list item needs the keys Allie-SDK tells it by (e.g. {@code msg} and {@code data}),
 *       so that an error object such as {@code {"detail": "..."}} is never passed off as an empty success.
 *   <li>A string that holds a JSON object or array is decoded where an object or list is expected (Alation
 *       sends custom field items and virtual data source results that way).
 *   <li>A field that is absent or null takes its empty value (0 for counts, [] for lists, null for ids and
 *       text, the empty shape for nested objects), so a typed result always has its full shape.
 *   <li>A list keeps every item that does not fit its item class exactly as sent; the list itself still fits,
 *       so a list result is {@code typed} even when none of its items fit.
 *   <li>Any other field whose value has the wrong JSON type makes the whole object not fit; the caller then
 *       keeps the object as sent (a list item, or the whole result with {@code typed} false).
 *   <li>Keys the class does not know are kept beside the typed fields ({@link #unknown()}): Alation adds keys
 *       between versions, and the gateway never drops what Alation said.
 * </ul>
 *
 * Not thread-safe; one instance reads one object once.
 */
final class JsonFields {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode EMPTY_OBJECT = JsonNodeFactory.instance.objectNode();

    private final JsonNode node;
    private final Set<String> read = new HashSet<>();
    private boolean fits = true;

    private JsonFields(JsonNode node) {
        this.node = node;
    }

    static Optional<JsonFields> of(JsonNode node) {
        return node != null && node.isObject() ? Optional.of(new JsonFields(node)) : Optional.empty();
    }

    /** The value typed by {@code fit}, or else, for a string holding a JSON object or array, its decoded form. */
    static <T> Optional<T> fitOrDecoded(JsonNode value, Function<JsonNode, Optional<T>> fit) {
        Optional<T> typed = fit.apply(value);
        if (typed.isPresent() || value == null || !value.isString()) return typed;
        return decode(value.stringValue()).flatMap(fit);
    }

    /** A list typed item by item: items that do not fit stay as sent. Empty if {@code value} is not a list. */
    static <T> Optional<List<Object>> items(JsonNode value, Function<JsonNode, Optional<T>> fit) {
        if (value == null || !value.isArray()) return Optional.empty();
        List<Object> items = new ArrayList<>(value.size());
        for (JsonNode item : value.values()) {
            Optional<T> typed = fitOrDecoded(item, fit);
            items.add(typed.isPresent() ? typed.get() : item);
        }
        return Optional.of(Collections.unmodifiableList(items));
    }

    static Optional<Long> id(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToLong()
                ? Optional.of(value.longValue())
                : Optional.empty();
    }

    // Only documents are decoded: a string such as "12" or "true" is text Alation chose to send as text.
    private static Optional<JsonNode> decode(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return Optional.empty();
        try {
            return Optional.of(JSON.readTree(trimmed));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    boolean isEmpty() {
        return node.isEmpty();
    }

    boolean hasAny(String... names) {
        for (String name : names) {
            if (node.has(name)) return true;
        }
        return false;
    }

    boolean hasAll(String... names) {
        for (String name : names) {
            if (!node.has(name)) return false;
        }
        return true;
    }

    long count(String name) {
        JsonNode value = take(name);
        if (value == null) return 0;
        return id(value).orElseGet(() -> misfit(0L));
    }

    Long id(String name) {
        JsonNode value = take(name);
        if (value == null) return null;
        return id(value).orElseGet(() -> misfit(null));
    }

    /** A measure; BigDecimal so that no digit Alation sent is rounded away. */
    BigDecimal number(String name) {
        JsonNode value = take(name);
        if (value == null) return null;
        return value.isNumber() ? value.decimalValue() : misfit(null);
    }

    Boolean bool(String name) {
        JsonNode value = take(name);
        if (value == null) return null;
        return value.isBoolean() ? value.booleanValue() : misfit(null);
    }

    /** A nested object that Alation may leave out or send as null: then null, as Allie-SDK has it. */
    <T> T nestedOrNull(String name, Function<JsonNode, Optional<T>> fit) {
        JsonNode value = take(name);
        if (value == null) return null;
        return fit.apply(value).orElseGet(() -> misfit(null));
    }

    String text(String name) {
        JsonNode value = take(name);
        if (value == null) return null;
        return value.isString() ? value.stringValue() : misfit(null);
    }

    /** A value whose shape the gateway does not know; kept as sent. */
    JsonNode asSent(String name) {
        return take(name);
    }

    <T> List<Object> list(String name, Function<JsonNode, Optional<T>> itemFit) {
        JsonNode value = take(name);
        if (value == null) return List.of();
        return items(value, itemFit).orElseGet(() -> misfit(List.of()));
    }

    /** A list whose items have no class of their own (samples, errors): kept as sent. */
    List<JsonNode> values(String name) {
        JsonNode value = take(name);
        if (value == null) return List.of();
        return value.isArray() ? List.copyOf(value.values()) : misfit(List.of());
    }

    /** An object whose keys are data, not fields (flag counts): kept as sent. */
    Map<String, JsonNode> map(String name) {
        JsonNode value = take(name);
        if (value == null) return Map.of();
        return value.isObject() ? entries(value, Set.of()) : misfit(Map.of());
    }

    <T> T nested(String name, Function<JsonNode, Optional<T>> fit) {
        JsonNode value = take(name);
        Optional<T> typed = fit.apply(value == null ? EMPTY_OBJECT : value);
        return typed.orElseGet(() -> misfit(fit.apply(EMPTY_OBJECT).orElseThrow()));
    }

    /** Keys no typed field has read; call after reading the typed fields. */
    Map<String, JsonNode> unknown() {
        return entries(node, read);
    }

    /** {@code typed} if every field read fitted its class. */
    <T> Optional<T> fits(T typed) {
        return fits ? Optional.of(typed) : Optional.empty();
    }

    private JsonNode take(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T misfit(T placeholder) {
        fits = false;
        return placeholder;
    }

    private static Map<String, JsonNode> entries(JsonNode object, Set<String> skip) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!skip.contains(entry.getKey())) entries.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(entries);
    }
}
