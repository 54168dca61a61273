package io.github.alationgateway.ui;

import io.github.alationgateway.details.JobDetails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A job's typed details laid out for a person: counts, lists of objects as tables (ids and titles first), the
 * errors Alation named, and short texts. It walks the details as the API writes them, so every kind, including
 * kinds added later, reads the same way without a template of its own.
 */
record DetailsView(
        String dataClass,
        boolean typed,
        List<Count> counts,
        List<Table> tables,
        List<String> errors,
        List<Note> notes) {

    static final int MAX_ROWS = 200;
    private static final int MAX_DEPTH = 6;
    private static final int MAX_SCALARS = 50;
    private static final List<String> FIRST_COLUMNS = List.of("id", "title", "key", "external_id", "field_key");

    record Count(String label, String value) {}

    record Table(String title, List<String> columns, List<List<String>> rows, int more) {}

    record Note(String label, String text) {}

    public boolean empty() {
        return counts.isEmpty() && tables.isEmpty() && errors.isEmpty() && notes.isEmpty();
    }

    static DetailsView of(JobDetails details, ObjectMapper json) {
        var view = new DetailsView(
                details.type(),
                details.typed(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>());
        JsonNode result = details.result() == null ? null : json.valueToTree(details.result());
        if (result != null && !result.isNull()) view.walk(result, "", 0);
        return view;
    }

    private void walk(JsonNode node, String prefix, int depth) {
        if (depth > MAX_DEPTH) {
            notes.add(new Note(label(prefix), compact(node)));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                field(
                        prefix.isEmpty() ? field.getKey() : prefix + " " + field.getKey(),
                        field.getKey(),
                        field.getValue(),
                        depth);
            }
        } else if (node.isArray()) {
            if (node.size() == 1 || !node.values().stream().allMatch(JsonNode::isObject)) {
                for (JsonNode item : node.values()) {
                    if (item.isContainer()) walk(item, prefix, depth + 1);
                    else if (!item.isNull())
                        notes.add(new Note(prefix.isEmpty() ? "Result" : label(prefix), text(item)));
                }
            } else {
                int n = 1;
                for (JsonNode item : node.values()) walk(item, (prefix + " item " + n++).trim(), depth + 1);
            }
        } else {
            notes.add(new Note(prefix.isEmpty() ? "Result" : label(prefix), text(node)));
        }
    }

    private void field(String path, String key, JsonNode value, int depth) {
        if (value == null || value.isNull()) return;
        if (key.toLowerCase(Locale.ROOT).contains("error")
                || key.toLowerCase(Locale.ROOT).startsWith("failure_sample")) {
            if (value.isArray()) value.values().forEach(e -> errors.add(text(e)));
            else if (!value.isString() || !value.stringValue().isBlank()) errors.add(text(value));
        } else if (value.isNumber()) {
            counts.add(new Count(label(path), value.asString()));
        } else if (value.isArray()) {
            if (value.isEmpty()) return;
            if (value.values().stream().allMatch(JsonNode::isObject)) {
                tables.add(table(label(path), value));
            } else if (value.values().stream().noneMatch(JsonNode::isContainer)) {
                List<String> items = value.values().stream()
                        .limit(MAX_SCALARS)
                        .map(DetailsView::text)
                        .toList();
                String more = value.size() > MAX_SCALARS ? " … and " + (value.size() - MAX_SCALARS) + " more" : "";
                notes.add(new Note(label(path), String.join(", ", items) + more));
            } else {
                walk(value, path, depth + 1);
            }
        } else if (value.isObject()) {
            walk(value, path, depth + 1);
        } else {
            notes.add(new Note(label(path), text(value)));
        }
    }

    private static Table table(String title, JsonNode items) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        items.values().stream().limit(MAX_ROWS).forEach(item -> seen.addAll(item.propertyNames()));
        FIRST_COLUMNS.stream().filter(seen::contains).forEach(columns::add);
        columns.addAll(seen);
        List<List<String>> rows = new ArrayList<>();
        items.values().stream()
                .limit(MAX_ROWS)
                .forEach(item -> rows.add(columns.stream()
                        .map(c -> item.get(c) == null || item.get(c).isNull() ? "" : text(item.get(c)))
                        .toList()));
        return new Table(
                title, columns.stream().map(DetailsView::label).toList(), rows, Math.max(0, items.size() - MAX_ROWS));
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : compact(node);
    }

    private static String compact(JsonNode node) {
        String text = node.toString();
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    /** {@code created_term_count} reads "Created term count". */
    static String label(String path) {
        String words = path.replace('_', ' ').trim();
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
