package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class StoredResultTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CAP = 64 * 1024;

    @Test
    void aResultUpToTheCapIsStoredWhole() {
        JsonNode result = terms(100, "Customer");

        StoredResult stored = StoredResult.fit(result, CAP);

        assertThat(stored.truncated()).isFalse();
        assertThat(stored.json()).isEqualTo(result.toString());
        assertThat(StoredResult.fit(null, CAP)).isEqualTo(StoredResult.NONE);
    }

    /** It used to be stored whole, however large, and parsed again for every job of a 500-row page. */
    @Test
    void aLargerResultIsShortenedToFitAndStaysJsonOfTheSameShape() {
        // GIVEN 20,000 updated terms, about 1 MB
        JsonNode result = terms(20_000, "A term whose title is long enough to matter");

        StoredResult stored = StoredResult.fit(result, CAP);

        // THEN it fits, says it was cut, and keeps the counts and the first terms as they were
        assertThat(stored.truncated()).isTrue();
        assertThat(stored.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo((int) CAP);
        JsonNode kept = JSON.readTree(stored.json());
        assertThat(kept.path("updated_term_count").asInt()).isEqualTo(20_000);
        assertThat(kept.path("updated_terms").size()).isBetween(100, 19_999);
        assertThat(kept.path("updated_terms").path(0))
                .isEqualTo(result.path("updated_terms").path(0));
        assertThat(kept.path("updated_terms").path(99))
                .isEqualTo(result.path("updated_terms").path(99));
    }

    @Test
    void oneHugeTextIsCutBeforeAnyListLosesItems() {
        ObjectNode result = (ObjectNode) terms(10, "Customer");
        result.put("error_log", "x".repeat(500_000));

        StoredResult stored = StoredResult.fit(result, CAP);

        JsonNode kept = JSON.readTree(stored.json());
        assertThat(stored.truncated()).isTrue();
        assertThat(kept.path("updated_terms")).isEqualTo(result.path("updated_terms"));
        assertThat(kept.path("error_log").asString()).startsWith("xxxx").endsWith("…");
        assertThat(stored.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo((int) CAP);
    }

    @Test
    void aShapeThatCannotFitIsDroppedAndSaysSo() {
        ObjectNode result = JSON.createObjectNode();
        for (int i = 0; i < 10_000; i++) result.put("key_number_" + i, i);

        StoredResult stored = StoredResult.fit(result, CAP);

        assertThat(stored).isEqualTo(new StoredResult(null, true));
    }

    private static JsonNode terms(int count, String title) {
        ObjectNode result = JSON.createObjectNode();
        result.put("updated_term_count", count);
        ArrayNode terms = result.putArray("updated_terms");
        for (int i = 0; i < count; i++) terms.addObject().put("id", i).put("title", title + " " + i);
        return result;
    }
}
