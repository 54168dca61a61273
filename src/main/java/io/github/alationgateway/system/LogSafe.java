package io.github.alationgateway.system;

/**
 * The one rule for putting a caller's text in a log line: control characters are escaped, so that a value cannot
 * start a forged line, hide the rest of one or drive a terminal, and a long value is cut. Used wherever caller
 * input (job names, key names, instance names, addresses, endpoint names) is logged.
 */
public final class LogSafe {

    /** Longer values are cut: a caller's value is there to be recognised, not to fill the log. */
    static final int MAX = 256;

    private LogSafe() {}

    /** {@code value} as a log line may carry it; "null" for null, like the logger itself. */
    public static String of(Object value) {
        if (value == null) return "null";
        String text = value.toString();
        StringBuilder safe = null;
        int length = Math.min(text.length(), MAX);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && safe == null) safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (safe != null) {
                if (escape != null) safe.append(escape);
                else safe.append(c);
            }
        }
        String result = safe == null ? text.substring(0, length) : safe.toString();
        return text.length() > MAX ? result + "…" : result;
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
        }
        boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || bidi) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
