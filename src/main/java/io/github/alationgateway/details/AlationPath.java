package io.github.alationgateway.details;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * Reduces an endpoint to the form calls are matched by: the path alone, lower case, no trailing slash, every
 * numeric segment (and every documented {@code {placeholder}}) as {@code {}}. Hand-parsed rather than through
 * {@link java.net.URI}: clients send endpoints with unencoded characters that URI rejects.
 */
final class AlationPath {

    private AlationPath() {}

    static String of(String endpoint) {
        String path = endpoint.strip();
        path = cutAt(cutAt(path, '#'), '?');
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        StringJoiner normal = new StringJoiner("/", "/", "");
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) continue;
            normal.add(isId(segment) ? "{}" : segment.toLowerCase(Locale.ROOT));
        }
        return normal.toString();
    }

    private static String cutAt(String text, char mark) {
        int at = text.indexOf(mark);
        return at < 0 ? text : text.substring(0, at);
    }

    private static boolean isId(String segment) {
        return segment.chars().allMatch(c -> c >= '0' && c <= '9')
                || (segment.startsWith("{") && segment.endsWith("}"));
    }
}
