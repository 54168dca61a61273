package io.github.alationgateway.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HandleParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static AlationJobRef parse(String json) {
        return HandleParser.parse(JSON.readTree(json));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"job_id\": 813, \"href\": \"/api/v1/bulk_metadata/job/?id=813\"} | 813",
                "{\"job_id\": 27}                                                | 27",
                "{\"job_id\": \"27\"}                                            | 27",
                "{\"id\": 5, \"status\": \"queued\"}                             | 5",
                "{\"task\": {\"id\": 23739, \"state\": \"PENDING\"}}             | 23739",
                "{\"job\": {\"id\": 7, \"name\": \"upload\"}}                    | 7",
                "{\"job_id\": 9, \"id\": 1}                                      | 9",
                "\"{\\\"job_id\\\": 44}\"                                        | 44",
            })
    void everyNumberedHandleShapeNamesItsJob(String response, long expected) {
        assertThat(parse(response)).isEqualTo(AlationJobRef.ofId(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MetadataExtraction#1_2026-11-29-04-02-35", "Lineage #7 & more+1", "a b"})
    void aJobNameIsKeptWhole(String name) {
        assertThat(parse("{\"job_name\": \"" + name + "\"}")).isEqualTo(AlationJobRef.ofName(name));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"detail\": \"Invalid token\", \"code\": \"401000\"} | error answer from Alation: \"Invalid token\"",
                "{}                                                    | holds no job handle",
                "[{\"job_id\": 1}]                                     | must be the JSON object",
                "42                                                    | must be the JSON object",
                "\"not json\"                                          | must be the JSON object",
                "null                                                  | is required: send the JSON",
                "{\"job_id\": -3}                                      | positive whole number",
                "{\"job_id\": 0}                                       | positive whole number",
                "{\"job_id\": 1.5}                                     | positive whole number",
                "{\"job_id\": 99999999999999999999999}                 | positive whole number",
                "{\"job_id\": true}                                    | positive whole number",
                "{\"task\": {\"id\": \"x\"}}                           | response.task.id",
                "{\"job_name\": \"\"}                                  | non-empty string",
                "{\"job_name\": 12}                                    | non-empty string",
            })
    void anythingElseIsRefusedWithAReason(String response, String reason) {
        JsonNode node = JSON.readTree(response);
        assertThatThrownBy(() -> HandleParser.parse(node)).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"task\": {\"id\": 23739, \"type\": \"BUSINESS_POLICY_BULK_CREATE\"}}  | BUSINESS_POLICY_POST",
                "{\"task\": {\"id\": 23740, \"type\": \"BUSINESS_POLICY_BULK_UPDATE\"}}  | BUSINESS_POLICY_PUT",
                "\"{\\\"task\\\": {\\\"id\\\": 5, \\\"type\\\": \\\"BUSINESS_POLICY_BULK_UPDATE\\\"}}\" | BUSINESS_POLICY_PUT",
            })
    void aBusinessPolicyTaskNamesItsKind(String response, JobKind kind) {
        assertThat(HandleParser.handle(JSON.readTree(response)).namedKind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"task\": {\"id\": 23739, \"type\": \"BUSINESS_POLICY_BULK_DELETE\"}}",
                "{\"task\": {\"id\": 23739, \"type\": 7}}",
                "{\"task\": {\"id\": 23739}}",
                "{\"job_id\": 1, \"type\": \"BUSINESS_POLICY_BULK_CREATE\"}"
            })
    void otherAnswersNameNoKind(String response) {
        assertThat(HandleParser.handle(JSON.readTree(response)).namedKind()).isNull();
    }

    @org.junit.jupiter.api.Test
    void anOverlongOrControlCharacterNameIsRefused() {
        assertThatThrownBy(() -> parse("{\"job_name\": \"" + "x".repeat(1001) + "\"}"))
                .hasMessageContaining("longer than 1000");
        assertThatThrownBy(() -> parse("{\"job_name\": \"a\\u0000b\"}")).hasMessageContaining("control characters");
    }
}
