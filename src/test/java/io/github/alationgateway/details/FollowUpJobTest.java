package io.github.alationgateway.details;

import static io.github.alationgateway.details.DetailsJson.fixture;
import static io.github.alationgateway.details.DetailsJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The second job a custom field value update names in its result (ALATION.md §4). */
class FollowUpJobTest {

    private static final JobKind VALUES = JobKind.CUSTOM_FIELD_VALUE_ASYNC_PUT;

    private final JobDetailsMapper mapper = new JobDetailsMapper();

    @Test
    void findsTheJobInAListOfMessages() {
        assertThat(mapper.followUpJobId(
                        VALUES, fixture("custom-field-value-async-put.json").get("result")))
                .hasValue(20871);
    }

    @Test
    void findsTheJobInAPlainString() {
        JsonNode result = JsonNodeFactory.instance.stringNode(
                "Job for bulk upsert of field values (can be tracked using jobs API): 12345");

        assertThat(mapper.followUpJobId(VALUES, result)).hasValue(12345);
    }

    @Test
    void findsTheJobAnywhereInsideObjectsAndLists() {
        JsonNode result = json("""
                {"messages": ["Start bulk upsert public annotation field values...",
                              {"detail": "Second job started (can be tracked using jobs API): 777 "}]}
                """);

        assertThat(mapper.followUpJobId(VALUES, result)).hasValue(777);
    }

    @Test
    void findsTheJobInsideAJsonEncodedItem() {
        JsonNode result = json("[\"{\\\"msg\\\": \\\"Queued (can be tracked using jobs API): 31\\\"}\"]");

        assertThat(mapper.followUpJobId(VALUES, result)).hasValue(31);
    }

    @Test
    void toleratesCaseAndSpacing() {
        JsonNode result = JsonNodeFactory.instance.stringNode("(Can be tracked using the Jobs API) :  8.");

        assertThat(mapper.followUpJobId(VALUES, result)).hasValue(8);
    }

    @Test
    void takesTheFirstInDocumentOrder() {
        JsonNode result = json("[\"a (can be tracked using jobs API): 1\", [\"b (can be tracked using jobs API): 2\"],"
                + " \"c (can be tracked using jobs API): 3\"]");

        assertThat(mapper.followUpJobId(VALUES, result)).hasValue(1);
    }

    @Test
    void noMentionNoJob() {
        assertThat(mapper.followUpJobId(VALUES, null)).isEmpty();
        assertThat(mapper.followUpJobId(VALUES, JsonNodeFactory.instance.nullNode()))
                .isEmpty();
        assertThat(mapper.followUpJobId(
                        VALUES,
                        json("[\"Start bulk upsert...\", \"Finished. Updated objects: 0, created objects: 1\"]")))
                .isEmpty();
        assertThat(mapper.followUpJobId(VALUES, json("{\"job_id\": 5}"))).isEmpty();
        assertThat(mapper.followUpJobId(
                        VALUES, JsonNodeFactory.instance.stringNode("(can be tracked using jobs API): soon")))
                .isEmpty();
    }

    @Test
    void ignoresANumberTooLongToBeAnId() {
        JsonNode result = JsonNodeFactory.instance.stringNode("(can be tracked using jobs API): 12345678901234567890");

        assertThat(mapper.followUpJobId(VALUES, result)).isEmpty();
    }

    @Test
    void onlyCustomFieldValueUpdatesHaveASecondJob() {
        JsonNode result = JsonNodeFactory.instance.stringNode("(can be tracked using jobs API): 12345");

        for (JobKind kind : JobKind.values()) {
            if (kind != VALUES)
                assertThat(mapper.followUpJobId(kind, result)).as("%s", kind).isEmpty();
        }
    }

    @Test
    void survivesDeepNesting() {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode deepest = root;
        for (int i = 0; i < 50_000; i++) deepest = deepest.addArray();
        deepest.add("(can be tracked using jobs API): 9");

        assertThat(mapper.followUpJobId(VALUES, root)).hasValue(9);
    }
}
