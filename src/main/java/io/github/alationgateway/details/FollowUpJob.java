package io.github.alationgateway.details;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Finds the second job that a custom field value update names in its result, in text ending with
 * {@code (can be tracked using jobs API): 12345}. Allie-SDK looks only at the first item of a list result; the
 * gateway searches every string value, in document order, because the item's place is not documented.
 */
final class FollowUpJob {

    private static final Pattern TRACKED = Pattern.compile(
            "\\(can be tracked using (?:the )?jobs API\\)\\s*:\\s*(\\d{1,18})\\b", Pattern.CASE_INSENSITIVE);

    private FollowUpJob() {}

    static OptionalLong idIn(JsonNode result) {
        // Iterative walk: a result nested deeply enough must not overflow the poller's stack.
        Deque<JsonNode> pending = new ArrayDeque<>();
        if (result != null) pending.push(result);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isString()) {
                Matcher match = TRACKED.matcher(node.stringValue());
                if (match.find()) return OptionalLong.of(Long.parseLong(match.group(1)));
            } else if (node.isContainer()) {
                // Pushed in reverse so that the first value is searched first.
                Object[] children = node.values().toArray();
                for (int i = children.length - 1; i >= 0; i--) pending.push((JsonNode) children[i]);
            }
        }
        return OptionalLong.empty();
    }
}
