package io.github.alationgateway.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the requests a careless or hostile client sends: wrong types, huge and negative numbers, deep
 * nesting, control characters, invalid UTF-8, truncated documents, SQL in filters. Seeded, so a failure
 * can be replayed with -Dfuzz.seed=<seed>.
 */
final class HostileInput {

    private static final String[] STRINGS = {
        "",
        " ",
        "null",
        "' OR 1=1 --",
        "'; DROP TABLE jobs; --",
        "\" OR \"\"=\"",
        "%",
        "%00",
        "\\u0000",
        "\u0000",
        "\u0007bell",
        "\n",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "☃",
        "\uD83D\uDE00",
        "\uD800",
        "SUCCESSFUL",
        "running",
        "bulk_metadata",
        "prod",
        "test",
        "a:b",
        ":",
        "k:",
        ":v",
        "1e99999",
        "-1",
        "0",
        "9223372036854775808",
        "2026-11-29T08:00:00Z",
        "2026-13-45T99:99:99Z",
        "yesterday",
        "${jndi:ldap://x}"
    };

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** A body for POST /api/v1/jobs, as bytes since some are not even UTF-8. */
    byte[] registrationBody() {
        return switch (random.nextInt(8)) {
            case 0 -> bytes(anyJson(0));
            case 1 -> invalidUtf8();
            case 2 -> bytes(truncate(registration()));
            case 3 -> bytes("{\"response\": " + deep(40 + random.nextInt(200)) + "}");
            default -> bytes(registration());
        };
    }

    /** A query string for GET /api/v1/jobs: known parameters with hostile values, and unknown ones. */
    String listQuery() {
        String[] names = {
            "status",
            "kind",
            "instance",
            "alation_job_id",
            "alation_job_name",
            "label",
            "registered_after",
            "registered_before",
            "page_size",
            "cursor",
            "unknown",
            "page_size",
            "label"
        };
        List<String> parts = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            parts.add(names[random.nextInt(names.length)] + "=" + encode(scalarText()));
        }
        if (random.nextInt(10) == 0) {
            for (int i = 0; i < 25; i++) parts.add("label=k" + i + ":v");
        }
        return String.join("&", parts);
    }

    private String registration() {
        StringBuilder json = new StringBuilder("{");
        json.append("\"response\": ").append(random.nextInt(4) == 0 ? anyJson(0) : response());
        // Mostly a real instance, so that the checks after it are reached too.
        json.append(", \"instance\": ").append(random.nextInt(4) == 0 ? maybeString() : "\"test\"");
        if (random.nextInt(5) == 0) json.append(", \"kind\": ").append(maybeString());
        if (random.nextInt(4) == 0) json.append(", \"method\": ").append(maybeString());
        if (random.nextInt(4) == 0) json.append(", \"endpoint\": ").append(maybeString());
        if (random.nextInt(3) == 0)
            json.append(", \"labels\": ").append(random.nextInt(5) == 0 ? anyJson(0) : labels());
        return json.append("}").toString();
    }

    private String response() {
        String[] keys = {"job_id", "id", "job_name"};
        return switch (random.nextInt(8)) {
            case 4, 5 -> "{\"job_id\": " + (1 + random.nextInt(Integer.MAX_VALUE)) + "}";
            case 6 -> "{\"job_name\": \"fuzz-" + random.nextInt(Integer.MAX_VALUE) + "\"}";
            case 0 -> "{\"task\": {\"id\": " + number() + "}}";
            case 1 -> "{\"job\": {\"id\": " + scalar() + "}}";
            case 2 -> "\"" + escape("{\"job_id\": " + scalar() + "}") + "\"";
            default -> "{\"" + keys[random.nextInt(keys.length)] + "\": " + scalar() + "}";
        };
    }

    private String labels() {
        int count = random.nextInt(4) == 0 ? 15 + random.nextInt(20) : random.nextInt(4);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = random.nextInt(6) == 0 ? text() : "k" + i + (random.nextInt(8) == 0 ? "x".repeat(70) : "");
            String value = random.nextInt(6) == 0 ? "v".repeat(250 + random.nextInt(20)) : text();
            entries.add(quote(key) + ": " + (random.nextInt(10) == 0 ? scalar() : quote(value)));
        }
        return "{" + String.join(", ", entries) + "}";
    }

    private String anyJson(int depth) {
        int choice = depth > 3 ? random.nextInt(3) : random.nextInt(6);
        return switch (choice) {
            case 0 -> scalar();
            case 1 -> maybeString();
            case 2 -> number();
            case 3 -> "[" + anyJson(depth + 1) + ", " + anyJson(depth + 1) + "]";
            case 4 -> "{" + quote(text()) + ": " + anyJson(depth + 1) + "}";
            default -> "{\"response\": " + anyJson(depth + 1) + "}";
        };
    }

    private String scalar() {
        return switch (random.nextInt(6)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2, 3 -> number();
            default -> quote(text());
        };
    }

    private String maybeString() {
        return random.nextInt(5) == 0 ? scalar() : quote(text());
    }

    private String number() {
        return switch (random.nextInt(8)) {
            case 0 -> "-" + (1 + random.nextInt(1000));
            case 1 -> "0";
            case 2 -> "9".repeat(19 + random.nextInt(200));
            case 3 -> "1e" + random.nextInt(100000);
            case 4 -> String.valueOf(random.nextDouble() * 1000);
            case 5 -> "9223372036854775808";
            default -> String.valueOf(1 + random.nextInt(Integer.MAX_VALUE));
        };
    }

    private String text() {
        if (random.nextInt(3) == 0) return STRINGS[random.nextInt(STRINGS.length)];
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 1000 + random.nextInt(3000) : random.nextInt(20);
        for (int i = 0; i < length; i++)
            text.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26)));
        return text.toString();
    }

    private String scalarText() {
        return random.nextInt(3) == 0 ? number() : text();
    }

    private String deep(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    private String truncate(String json) {
        return json.substring(0, random.nextInt(Math.max(1, json.length())));
    }

    private byte[] invalidUtf8() {
        byte[] prefix = bytes("{\"response\": {\"job_name\": \"");
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] suffix = bytes("\"}}");
        byte[] all = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(bad, 0, all, prefix.length, bad.length);
        System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);
        return all;
    }

    private static String quote(String text) {
        return "\"" + escape(text) + "\"";
    }

    /** JSON-escapes quotes and backslashes, and some of the control characters (the rest stay raw, invalidly). */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c == '\n') out.append("\\n");
            else out.append(c);
        }
        return out.toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
