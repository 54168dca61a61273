package io.github.alationgateway.view;

import io.github.alationgateway.system.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Labels are for filtering: short, printable, and few enough to index. */
public final class LabelRules {

    public static final int MAX_LABELS = 20;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-/]{0,63}");

    private LabelRules() {}

    public static Map<String, String> check(Map<String, String> labels) {
        if (labels == null) return Map.of();
        if (labels.size() > MAX_LABELS) {
            throw Problems.badField("labels", "At most " + MAX_LABELS + " labels are allowed, got " + labels.size());
        }
        Map<String, String> checked = new TreeMap<>();
        labels.forEach((key, value) -> {
            checkKey(key, "labels");
            if (value == null) throw Problems.badField("labels." + key, "Label '" + key + "' has no value");
            checkValue(key, value, "labels." + key);
            checked.put(key, value);
        });
        return checked;
    }

    /**
     * Label filters as a query gives them, each {@code key:value} (the parameter {@code label}, repeated); all of
     * them must match.
     */
    public static Map<String, String> filters(List<String> filters) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (filters == null) return labels;
        if (filters.size() > MAX_LABELS) {
            throw Problems.badField("label", "At most " + MAX_LABELS + " label filters are allowed");
        }
        for (String filter : filters) {
            int colon = filter.indexOf(':');
            if (colon < 1) {
                throw Problems.badField("label", "A label filter is key:value, got '" + Problems.quote(filter) + "'");
            }
            String key = filter.substring(0, colon);
            String value = filter.substring(colon + 1);
            checkKey(key, "label");
            checkValue(key, value, "label");
            String previous = labels.put(key, value);
            if (previous != null && !previous.equals(value)) {
                throw Problems.badField("label", "Label '" + key + "' is filtered on two different values");
            }
        }
        return labels;
    }

    public static void checkKey(String key, String field) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw Problems.badField(
                    field,
                    "A label key is 1 to " + MAX_KEY_LENGTH
                            + " characters of letters, digits, '_', '.', '-' and '/', starting with a letter or digit");
        }
    }

    public static void checkValue(String key, String value, String field) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw Problems.badField(field, "Label '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw Problems.badField(field, "Label '" + key + "' contains control characters");
        }
    }
}
