package io.github.alationgateway.details;

import static io.github.alationgateway.details.DetailsJson.assertKeeps;
import static io.github.alationgateway.details.DetailsJson.fixture;
import static io.github.alationgateway.details.DetailsJson.serialized;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property: for any JSON Alation might send, and every kind, the mapper does not throw, the details serialize,
 * nothing of the raw result is lost, and an untyped result is exactly the raw one. Inputs are random trees
 * over Alation's own keys plus mutations of the real fixtures; seeds are fixed so a failure replays.
 */
class JobDetailsMapperRandomInputTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {
        "created_term_count",
        "created_terms",
        "updated_term_count",
        "updated_terms",
        "deleted_document_count",
        "deleted_document_ids",
        "deleted_term_count",
        "deleted_term_ids",
        "msg",
        "data",
        "field_ids",
        "response",
        "mapping",
        "errors",
        "id",
        "key",
        "title",
        "number_received",
        "updated_objects",
        "error_objects",
        "error",
        "fields",
        "values",
        "created",
        "updated",
        "deleted",
        "not_found",
        "count",
        "sample",
        "created_object_attribution",
        "success_count",
        "failure_count",
        "success_sample",
        "failure_sample",
        "flag_counts",
        "total_duration",
        "created_folder_count",
        "created_folders",
        "updated_folder_count",
        "updated_folders",
        "deleted_folder_count",
        "deleted_folder_ids",
        "external_id",
        "replaced",
        "impacted_dfos",
        "failed",
        "detail",
        "extra"
    };
    private static final String[] FIXTURES = {
        "document-post.json",
        "document-put.json",
        "document-delete.json",
        "term-delete.json",
        "custom-field-post.json",
        "rdbms.json",
        "virtual-datasource-post.json",
        "data-quality.json",
        "folder-post.json",
        "folder-put.json",
        "folder-delete.json",
        "dataflow-post.json",
        "dataflow-delete.json",
        "business-policy-post.json",
        "custom-field-value-async-put.json"
    };

    private final JobDetailsMapper mapper = new JobDetailsMapper();

    @Test
    void randomTreesNeverBreakTheMapper() {
        for (long seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            checkEveryKind(any(random, 4), seed);
        }
    }

    @Test
    void mutatedFixturesNeverBreakTheMapper() {
        for (long seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            JsonNode result = fixture(FIXTURES[random.nextInt(FIXTURES.length)]).get("result");
            checkEveryKind(mutate(result, random, 0), seed);
        }
    }

    private void checkEveryKind(JsonNode raw, long seed) {
        for (JobKind kind : JobKind.values()) {
            String context = "seed " + seed + ", " + kind + ", raw " + raw;

            JobDetails details = mapper.map(kind, "successful", "msg " + seed, raw);
            JsonNode out = serialized(details);
            mapper.followUpJobId(kind, raw);

            assertThat(out.get("type").stringValue()).as(context).isEqualTo(kind.dataClass());
            assertThat(out.get("msg").stringValue()).as(context).isEqualTo("msg " + seed);
            if (!details.typed() || details instanceof GenericJobDetails) {
                assertThat(out.get("result")).as(context).isEqualTo(raw == null ? NODES.nullNode() : raw);
            }
            try {
                assertKeeps(raw, out.get("result"));
            } catch (AssertionError lost) {
                throw new AssertionError(context + ": " + lost.getMessage(), lost);
            }
        }
    }

    private static JsonNode any(Random random, int depth) {
        switch (random.nextInt(depth <= 0 ? 6 : 10)) {
            case 0:
                return random.nextBoolean() ? NODES.nullNode() : null;
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return NODES.numberNode(random.nextInt(2000) - 1000);
            case 3:
                return random.nextBoolean()
                        ? NODES.numberNode(random.nextLong())
                        : NODES.numberNode(new BigInteger(80, random));
            case 4:
                return NODES.numberNode(random.nextDouble() * 1000);
            case 5:
                return NODES.stringNode(text(random));
            case 6: {
                ArrayNode list = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) list.add(orNull(any(random, depth - 1)));
                return list;
            }
            case 7:
            case 8: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(KEYS[random.nextInt(KEYS.length)], orNull(any(random, depth - 1)));
                }
                return object;
            }
            default:
                return NODES.stringNode(String.valueOf(orNull(any(random, depth - 1))));
        }
    }

    private static JsonNode mutate(JsonNode node, Random random, int depth) {
        if (node == null || random.nextInt(8) == 0) return any(random, 2);
        if (depth > 0 && random.nextInt(10) == 0) return NODES.stringNode(node.toString());
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (random.nextInt(6) != 0)
                    copy.set(entry.getKey(), orNull(mutate(entry.getValue(), random, depth + 1)));
            }
            if (random.nextInt(4) == 0) copy.set(KEYS[random.nextInt(KEYS.length)], orNull(any(random, 2)));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : node.values()) {
                if (random.nextInt(6) != 0) items.add(orNull(mutate(item, random, depth + 1)));
            }
            if (random.nextInt(3) == 0) items.add(random.nextInt(items.size() + 1), orNull(any(random, 2)));
            return NODES.arrayNode().addAll(items);
        }
        return node;
    }

    private static String text(Random random) {
        String[] texts = {"", "Job failed", "{", "[1, 2", "{\"id\": 1}", "12", "(can be tracked using jobs API): 42"};
        return texts[random.nextInt(texts.length)];
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NODES.nullNode() : node;
    }
}
