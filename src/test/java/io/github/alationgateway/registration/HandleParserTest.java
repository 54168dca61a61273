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
        assertThat(HandleParser.handle(JSON.readTree(response), null).kind()).isEqualTo(kind);
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
        assertThat(HandleParser.handle(JSON.readTree(response), null).kind()).isEqualTo(JobKind.GENERIC);
    }

    private static final String TASK = "68575488-5FAD-4117-927f-1e23576e733a";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "{\"task\": {\"id\": \"" + TASK + "\", \"type\": \"COMMIT_TO_CATALOG\"}} | null",
                "{\"task\": {\"id\": \"" + TASK + "\"}}                                      | GENERIC",
                "{\"task\": {\"id\": \" " + TASK + " \"}}                                    | DATA_DICTIONARY_UPLOAD",
                "{\"id\": \"" + TASK + "\", \"state\": \"PROCESSING\"}                     | null",
            })
    void aUuidTaskIsADataDictionaryUploadWhateverLittleTheClientSaid(String response, JobKind told) {
        HandleParser.Handle handle = HandleParser.handle(JSON.readTree(response), told);

        assertThat(handle.kind()).isEqualTo(JobKind.DATA_DICTIONARY_UPLOAD);
        assertThat(handle.ref().taskId()).isEqualTo(TASK.toLowerCase(java.util.Locale.ROOT));
        assertThat(handle.ref().key()).isEqualTo("task:" + TASK.toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "{\"task\": {\"id\": 23739}}        | BUSINESS_POLICY_POST | 23739",
                "{\"task\": {\"id\": \"23739\"}}  | null                 | 23739",
                "{\"task\": {\"id\": 23739}}        | GENERIC              | 23739",
            })
    void aNumberedTaskIsAJobOfTheJobApi(String response, JobKind told, long id) {
        HandleParser.Handle handle = HandleParser.handle(JSON.readTree(response), told);

        assertThat(handle.ref()).isEqualTo(AlationJobRef.ofId(id));
        assertThat(handle.kind()).isEqualTo(told == null ? JobKind.GENERIC : told);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "{\"task\": {\"id\": \"" + TASK + "\"}}  | BUSINESS_POLICY_POST   | send kind DATA_DICTIONARY_UPLOAD",
                "{\"task\": {\"id\": 23739}}               | DATA_DICTIONARY_UPLOAD | must be the UUID of a data dictionary upload task",
                "{\"job_id\": 813}                           | DATA_DICTIONARY_UPLOAD | tracked by its task",
                "{\"task\": {\"id\": \"68575488-5fad\"}} | null                   | a UUID (a data dictionary upload task)",
                "{\"task\": {\"id\": true}}                | GENERIC                | a whole number (a job of Alation's job API",
            })
    void aHandleThatFitsNeitherTheKindNorAnyShapeIsRefusedSayingWhatToSend(
            String response, JobKind told, String reason) {
        JsonNode node = JSON.readTree(response);
        assertThatThrownBy(() -> HandleParser.handle(node, told)).hasMessageContaining(reason);
    }

    @org.junit.jupiter.api.Test
    void anOverlongOrControlCharacterNameIsRefused() {
        assertThatThrownBy(() -> parse("{\"job_name\": \"" + "x".repeat(1001) + "\"}"))
                .hasMessageContaining("longer than 1000");
        assertThatThrownBy(() -> parse("{\"job_name\": \"a\\u0000b\"}")).hasMessageContaining("control characters");
    }
}
