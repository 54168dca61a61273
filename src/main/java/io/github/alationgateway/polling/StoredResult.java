package io.github.alationgateway.polling;

import io.github.alationgateway.store.Job;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Alation's result as the job stores it: whole up to {@code gateway.poll.max-stored-result}; past it, shortened
 * until it fits, with {@code truncated} set. Shortened, not cut: every list keeps its first items and every text
 * its beginning, so what is stored is still JSON of the same shape, and the job's typed details, its progress and
 * the dashboard read it as before. A cut in the middle would have left text that parses as nothing, and every
 * read of the job (500 of them on a page) would have paid for the megabytes no one can use.
 */
record StoredResult(String json, boolean truncated) {

    static final StoredResult NONE = new StoredResult(null, false);

    /** Shorter texts are not cut: they name things, and a few dozen characters cost nothing. */
    private static final int SHORTEST_TEXT = 32;

    /** What the job has stored already: a poll that learned nothing new keeps it, and whether it was cut. */
    static StoredResult of(Job job) {
        return new StoredResult(job.rawResult(), job.rawResultTruncated());
    }

    /** {@code result} as stored, at most {@code maxBytes} of UTF-8. */
    static StoredResult fit(JsonNode result, long maxBytes) {
        if (result == null) return NONE;
        String whole = result.toString();
        if (fits(whole, maxBytes)) return new StoredResult(whole, false);
        // Texts are cut before lists lose items: the items are what the typed details are made of. Each bound is
        // halved per round, so even the largest answer Alation may send takes a handful of rounds.
        String shortened = shorten(result, Integer.MAX_VALUE, SHORTEST_TEXT).toString();
        if (fits(shortened, maxBytes)) {
            for (int chars = longest(result, false) / 2; chars > SHORTEST_TEXT; chars /= 2) {
                String longer = shorten(result, Integer.MAX_VALUE, chars).toString();
                if (fits(longer, maxBytes)) return new StoredResult(longer, true);
            }
            return new StoredResult(shortened, true);
        }
        for (int items = longest(result, true) / 2; items >= 0; items = items == 0 ? -1 : items / 2) {
            // Texts whole if the shorter lists alone make it fit, so that the items kept are as Alation sent them.
            shortened = shorten(result, items, Integer.MAX_VALUE).toString();
            if (fits(shortened, maxBytes)) return new StoredResult(shortened, true);
            shortened = shorten(result, items, SHORTEST_TEXT).toString();
            if (fits(shortened, maxBytes)) return new StoredResult(shortened, true);
        }
        // Not even the shape fits (thousands of keys, say): nothing of it is kept rather than a part no one can read.
        return new StoredResult(null, true);
    }

    private static JsonNode shorten(JsonNode node, int items, int chars) {
        if (node.isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < Math.min(items, node.size()); i++) kept.add(shorten(node.get(i), items, chars));
            return kept;
        }
        if (node.isObject()) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                kept.set(field.getKey(), shorten(field.getValue(), items, chars));
            }
            return kept;
        }
        if (node.isString() && node.asString().length() > chars) {
            String text = node.asString();
            int end = chars - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
            return StringNode.valueOf(text.substring(0, end) + "…");
        }
        return node;
    }

    /** The longest list ({@code lists}) or text anywhere in {@code node}. */
    private static int longest(JsonNode node, boolean lists) {
        int longest = 0;
        if (node.isArray() || node.isObject()) {
            if (lists && node.isArray()) longest = node.size();
            for (JsonNode child : node.values()) longest = Math.max(longest, longest(child, lists));
        } else if (!lists && node.isString()) {
            longest = node.asString().length();
        }
        return longest;
    }

    /**
     * UTF-8 bytes of {@code text}, without encoding it when it cannot matter: no char takes more than 3 bytes (a
     * surrogate pair, 2 chars, takes 4), so a text of up to a third of the cap in chars fits whatever it holds.
     * Every poll with a result asks this once; encoding a result only to learn it is small doubled the work.
     */
    private static boolean fits(String text, long maxBytes) {
        if (text.length() * 3L <= maxBytes) return true;
        return text.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
