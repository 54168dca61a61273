package io.github.alationgateway.bench.clients;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reading a three-field status answer costs: Jackson's tree (the gateway today) against its streaming
 * parser reading only the fields it needs. Single-threaded, in the benchmark's own JVM.
 */
final class JsonParsing {

    private static final byte[] ANSWER = "{\"id\":12345,\"status\":\"running\",\"msg\":null,\"result\":null}"
            .getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonParsing() {}

    static void report() {
        int rounds = 2_000_000;
        for (int warm = 0; warm < 2; warm++) {
            tree(rounds);
            streaming(rounds);
        }
        long t0 = System.nanoTime();
        int a = tree(rounds);
        long t1 = System.nanoTime();
        int b = streaming(rounds);
        long t2 = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "JSON of a three-field answer: tree %.2f µs, streaming %.2f µs a parse (%d/%d)%n",
                (t1 - t0) / 1e3 / rounds,
                (t2 - t1) / 1e3 / rounds,
                a,
                b);
    }

    private static int tree(int rounds) {
        int running = 0;
        for (int i = 0; i < rounds; i++) {
            if ("running".equals(JSON.readTree(ANSWER).path("status").asString())) running++;
        }
        return running;
    }

    private static int streaming(int rounds) {
        int running = 0;
        for (int i = 0; i < rounds; i++) {
            try (JsonParser parser = JSON.createParser(ANSWER)) {
                for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                    if (t == JsonToken.PROPERTY_NAME && "status".equals(parser.currentName())) {
                        parser.nextToken();
                        if ("running".equals(parser.getString())) running++;
                    }
                }
            }
        }
        return running;
    }
}
