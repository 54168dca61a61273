package io.github.alationgateway.details;

import static io.github.alationgateway.details.DetailsJson.assertKeeps;
import static io.github.alationgateway.details.DetailsJson.json;
import static io.github.alationgateway.details.DetailsJson.serialized;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/** The awkward results: errors, nulls, partial lists, missing and unexpected keys, strings where JSON hides. */
class UntypedResultsTest {

    private final JobDetailsMapper mapper = new JobDetailsMapper();

    static Stream<JobKind> typedKinds() {
        return Arrays.stream(JobKind.values()).filter(kind -> !kind.dataClass().equals("JobDetails"));
    }

    private JsonNode map(JobKind kind, String rawJson) {
        JsonNode raw = json(rawJson);
        JsonNode out = serialized(mapper.map(kind, "successful", "done", raw));
        assertKeeps(raw, out.get("result"));
        return out;
    }

    @ParameterizedTest
    @MethodSource("typedKinds")
    void aFailedJobsErrorTextIsKeptAsSentAndNotTyped(JobKind kind) {
        // GIVEN a failed job of a kind that has a data class
        JsonNode raw = JsonNodeFactory.instance.stringNode(
                "Traceback (most recent call last): ValueError: Invalid ds_id 9 for this operation");

        // WHEN
        JsonNode out = serialized(mapper.map(kind, "failed", "Job failed", raw));

        // THEN
        assertThat(out.get("type").stringValue()).isEqualTo(kind.dataClass());
        assertThat(out.get("status").stringValue()).isEqualTo("failed");
        assertThat(out.get("typed").booleanValue()).isFalse();
        assertThat(out.get("result")).isEqualTo(raw);
    }

    @ParameterizedTest
    @MethodSource("typedKinds")
    void aNullResultIsNotTyped(JobKind kind) {
        for (JsonNode raw : new JsonNode[] {null, JsonNodeFactory.instance.nullNode(), MissingNode.getInstance()}) {
            JsonNode out = serialized(mapper.map(kind, "running", null, raw));

            assertThat(out.get("typed").booleanValue()).isFalse();
            assertThat(out.get("result").isNull()).isTrue();
            assertThat(out.get("msg").isNull()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("typedKinds")
    void aResultOfTheWrongContainerIsNotTyped(JobKind kind) {
        boolean listClass = mapper.map(kind, "successful", null, json("[]")).typed();
        String wrong = listClass ? "{\"response\": \"ok\", \"mapping\": []}" : "[{\"id\": 1}]";

        JsonNode out = map(kind, wrong);

        assertThat(out.get("typed").booleanValue()).isFalse();
        assertThat(out.get("result")).isEqualTo(json(wrong));
    }

    @Test
    void aGenericNullResultIsTypedAsSent() {
        JsonNode out = serialized(mapper.map(JobKind.GENERIC, "running", null, null));

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.get("result").isNull()).isTrue();
    }

    @Test
    void anEmptyObjectTakesTheFullEmptyShape() {
        JsonNode out = map(JobKind.DOCUMENT_POST, "{}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/created_term_count").longValue()).isZero();
        assertThat(out.at("/result/created_terms").isArray()).isTrue();
        assertThat(out.at("/result/created_terms").size()).isZero();
    }

    @Test
    void anEmptyDataQualityResultHasEveryActionAndCount() {
        JsonNode out = map(JobKind.DATA_QUALITY_POST, "{}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        for (String part : new String[] {"fields", "values"}) {
            for (String action : new String[] {"created", "updated", "deleted", "not_found"}) {
                assertThat(out.at("/result/" + part + "/" + action + "/count").isIntegralNumber())
                        .isTrue();
                assertThat(out.at("/result/" + part + "/" + action + "/sample").isArray())
                        .isTrue();
            }
        }
        assertThat(out.at("/result/created_object_attribution").propertyNames())
                .containsExactly("success_count", "failure_count", "success_sample", "failure_sample");
        assertThat(out.at("/result/flag_counts").isObject()).isTrue();
        assertThat(out.at("/result/total_duration").isNull()).isTrue();
    }

    @Test
    void anEmptyListIsTyped() {
        JsonNode out = map(JobKind.RDBMS_SCHEMA_PATCH, "[]");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.get("result").size()).isZero();
    }

    @Test
    void missingKeysAndNullsTakeEmptyValues() {
        JsonNode out =
                map(JobKind.DOCUMENT_PUT, "{\"updated_term_count\": null, \"updated_terms\": [{}, {\"id\": null}]}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/updated_term_count").longValue()).isZero();
        assertThat(out.at("/result/updated_terms/0/id").isNull()).isTrue();
        assertThat(out.at("/result/updated_terms/1/id").isNull()).isTrue();
        assertThat(map(JobKind.DOCUMENT_HUB_FOLDER_POST, "{\"created_folder_count\": 0}")
                        .at("/result/created_folders")
                        .isArray())
                .isTrue();
    }

    @Test
    void unexpectedKeysAreKeptBesideTheTypedFields() {
        JsonNode out = map(JobKind.DOCUMENT_POST, """
                {"created_term_count": 1, "warnings": ["title trimmed"],
                 "created_terms": [{"id": 7, "title": "Churn", "url": "/glossary/7/"}]}
                """);

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/created_term_count").longValue()).isEqualTo(1);
        assertThat(out.at("/result/warnings/0").stringValue()).isEqualTo("title trimmed");
        assertThat(out.at("/result/created_terms/0/id").longValue()).isEqualTo(7);
        assertThat(out.at("/result/created_terms/0/url").stringValue()).isEqualTo("/glossary/7/");
    }

    @Test
    void anObjectWithNoneOfTheClassKeysIsNotTyped() {
        JsonNode out = map(JobKind.DOCUMENT_HUB_FOLDER_PUT, "{\"error\": \"Folder 10 does not exist\"}");

        assertThat(out.get("typed").booleanValue()).isFalse();
        assertThat(out.get("result")).isEqualTo(json("{\"error\": \"Folder 10 does not exist\"}"));
    }

    @Test
    void aFieldOfTheWrongTypeLeavesTheWholeObjectAsSent() {
        String raw = "{\"deleted_document_count\": \"two\", \"deleted_document_ids\": [11, 12]}";

        JsonNode out = map(JobKind.DOCUMENT_DELETE, raw);

        assertThat(out.get("typed").booleanValue()).isFalse();
        assertThat(out.get("result")).isEqualTo(json(raw));
    }

    @Test
    void listItemsThatDoNotFitStayAsSentWhileTheOthersAreTyped() {
        JsonNode out = map(
                JobKind.DOCUMENT_POST,
                "{\"created_term_count\": 3, \"created_terms\": [{\"id\": 1, \"title\": \"A\"}, \"B failed\","
                        + " {\"id\": \"x\"}, null]}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/created_terms/0/title").stringValue()).isEqualTo("A");
        assertThat(out.at("/result/created_terms/1").stringValue()).isEqualTo("B failed");
        assertThat(out.at("/result/created_terms/2")).isEqualTo(json("{\"id\": \"x\"}"));
        assertThat(out.at("/result/created_terms/3").isNull()).isTrue();
    }

    @Test
    void idListsKeepWhatIsNotAnId() {
        JsonNode out = map(
                JobKind.TERM_DELETE,
                "{\"deleted_term_ids\": [5, \"6\", 99999999999999999999, 7.5], \"deleted_term_count\": 1}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/deleted_term_ids/0").longValue()).isEqualTo(5);
        assertThat(out.at("/result/deleted_term_ids/1").stringValue()).isEqualTo("6");
        assertThat(out.at("/result/deleted_term_ids/2").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("99999999999999999999"));
        assertThat(out.at("/result/deleted_term_ids/3").doubleValue()).isEqualTo(7.5);
    }

    @Test
    void customFieldItemsOfOtherShapesStayAsSent() {
        JsonNode out = map(JobKind.CUSTOM_FIELD_POST, """
                [
                  "{\\"msg\\": \\"Finished bulk creation of Custom Fields\\", \\"data\\": {\\"field_ids\\": [10316]}}",
                  {"field_type": ["field_type RICH_TEXTS is not supported."]},
                  "{\\"detail\\": \\"Permission denied\\"}",
                  "Custom field with name Steward already exists",
                  "{not json",
                  42,
                  {"msg": "no data key"}
                ]
                """);

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/0/data/field_ids/0").longValue()).isEqualTo(10316);
        assertThat(out.at("/result/1/field_type/0").stringValue()).isEqualTo("field_type RICH_TEXTS is not supported.");
        assertThat(out.at("/result/2").stringValue()).isEqualTo("{\"detail\": \"Permission denied\"}");
        assertThat(out.at("/result/3").stringValue()).isEqualTo("Custom field with name Steward already exists");
        assertThat(out.at("/result/4").stringValue()).isEqualTo("{not json");
        assertThat(out.at("/result/5").intValue()).isEqualTo(42);
        assertThat(out.at("/result/6")).isEqualTo(json("{\"msg\": \"no data key\"}"));
    }

    @Test
    void aCustomFieldItemWithNullDataGetsEmptyData() {
        JsonNode out = map(JobKind.CUSTOM_FIELD_POST, "[{\"msg\": \"Starting\", \"data\": null}]");

        assertThat(out.at("/result/0/data/field_ids").isArray()).isTrue();
    }

    @Test
    void aPartialRdbmsResultTypesTheItemsThatFit() {
        JsonNode out = map(JobKind.RDBMS_COLUMN_POST, """
                [
                  {"response": "Upserted 1 column objects.", "mapping": [{"id": 77, "key": "9.s.t.c"}, "c2 skipped"],
                   "errors": [{"key": "9.s.t.c2", "error": "type too long"}]},
                  "Batch 2 failed: connection reset",
                  {"detail": "Batch 3 rejected"},
                  {"response": "Upserted 0 column objects.", "mapping": []}
                ]
                """);

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/0/mapping/0/id").longValue()).isEqualTo(77);
        assertThat(out.at("/result/0/mapping/1").stringValue()).isEqualTo("c2 skipped");
        assertThat(out.at("/result/0/errors/0/error").stringValue()).isEqualTo("type too long");
        assertThat(out.at("/result/1").stringValue()).isEqualTo("Batch 2 failed: connection reset");
        assertThat(out.at("/result/2")).isEqualTo(json("{\"detail\": \"Batch 3 rejected\"}"));
        assertThat(out.at("/result/3/errors").isArray()).isTrue();
    }

    @Test
    void aPartialDataflowDeleteKeepsItemsWithoutMapping() {
        JsonNode out = map(
                JobKind.DATAFLOW_DELETE,
                "[{\"response\": \"Deleted 0 dataflow objects.\", \"mapping\": []}, {\"response\": \"Not found\"}]");

        assertThat(out.at("/result/0/failed").isArray()).isTrue();
        assertThat(out.at("/result/1")).isEqualTo(json("{\"response\": \"Not found\"}"));
    }

    @Test
    void aVirtualDatasourceResultThatIsNotJsonIsKeptAsSent() {
        for (String text : new String[] {"", "Extraction failed: bad header", "[1, 2]", "{\"number_received\": 5"}) {
            JsonNode raw = JsonNodeFactory.instance.stringNode(text);

            JsonNode out = serialized(mapper.map(JobKind.VIRTUAL_DATASOURCE_POST, "failed", "x", raw));

            assertThat(out.get("typed").booleanValue()).as(text).isFalse();
            assertThat(out.get("result")).as(text).isEqualTo(raw);
        }
    }

    @Test
    void aVirtualDatasourceResultAlreadyDecodedIsTyped() {
        JsonNode out = map(JobKind.VIRTUAL_DATASOURCE_POST, "{\"number_received\": 3, \"updated_objects\": 3}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/error_objects").isArray()).isTrue();
        assertThat(out.at("/result/error").isNull()).isTrue();
    }

    @Test
    void aWholeResultSentAsAJsonStringIsDecodedForAnyClass() {
        JsonNode raw = JsonNodeFactory.instance.stringNode(
                "[{\"response\": \"Upserted 1 schema objects.\", \"mapping\": [{\"id\": 3, \"key\": \"9.s\"}], \"errors\": []}]");

        JsonNode out = serialized(mapper.map(JobKind.RDBMS_SCHEMA_POST, "successful", "done", raw));

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/0/mapping/0/key").stringValue()).isEqualTo("9.s");
    }

    @Test
    void aNestedObjectOfTheWrongTypeLeavesTheResultAsSent() {
        String raw = "{\"fields\": {\"created\": {\"count\": \"many\"}}, \"total_duration\": 1}";

        JsonNode out = map(JobKind.DATA_QUALITY_DELETE, raw);

        assertThat(out.get("typed").booleanValue()).isFalse();
        assertThat(out.get("result")).isEqualTo(json(raw));
    }

    @Test
    void unknownKeysInsideNestedObjectsAreKept() {
        JsonNode out = map(
                JobKind.DATA_QUALITY_FIELDS_DELETE,
                "{\"fields\": {\"deleted\": {\"count\": 2, \"sample\": [\"k1\", \"k2\"], \"truncated\": false},"
                        + " \"skipped\": {\"count\": 1}}}");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/fields/deleted/count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/fields/deleted/truncated").booleanValue()).isFalse();
        assertThat(out.at("/result/fields/skipped/count").longValue()).isEqualTo(1);
    }
}
