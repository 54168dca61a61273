package io.github.alationgateway.details;

import static io.github.alationgateway.details.DetailsJson.assertKeeps;
import static io.github.alationgateway.details.DetailsJson.fixture;
import static io.github.alationgateway.details.DetailsJson.serialized;
import static io.github.alationgateway.details.DetailsJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** One realistic fixture per Allie-SDK data class, asserted field by field as a client will read it. */
class JobDetailsMapperTest {

    private final JobDetailsMapper mapper = new JobDetailsMapper();

    private JsonNode mapFixture(JobKind kind, String name) {
        // GIVEN a job status as Alation sends it
        JsonNode job = fixture(name);

        // WHEN
        JobDetails details =
                mapper.map(kind, job.get("status").stringValue(), job.get("msg").stringValue(), job.get("result"));

        // THEN the envelope is the kind's class, and nothing Alation said is lost
        JsonNode out = serialized(details);
        assertThat(out.propertyNames()).containsExactly("type", "status", "msg", "result", "typed");
        assertThat(out.get("type").stringValue()).isEqualTo(kind.dataClass());
        assertThat(out.get("status").stringValue()).isEqualTo(job.get("status").stringValue());
        assertThat(out.get("msg").stringValue()).isEqualTo(job.get("msg").stringValue());
        assertThat(out.get("typed").booleanValue()).isTrue();
        assertKeeps(job.get("result"), out.get("result"));
        return out;
    }

    @Test
    void typeComesFirstAndKeysAreSnakeCase() {
        String json = write(mapper.map(
                JobKind.DOCUMENT_POST,
                "successful",
                "done",
                fixture("document-post.json").get("result")));

        assertThat(json).startsWith("{\"type\":\"JobDetailsDocumentPost\",\"status\":\"successful\",\"msg\":\"done\"");
        assertThat(json)
                .contains("\"created_term_count\":2")
                .doesNotContain("createdTerm")
                .doesNotContain("unknown");
    }

    @Test
    void serializesTheSameWhateverTheAppsJacksonSettings() {
        // GIVEN details with nulls, empty lists and unknown keys holding null
        JobDetails details = mapper.map(
                JobKind.DATA_QUALITY_POST,
                "successful",
                null,
                DetailsJson.json("{\"fields\": {\"created\": {\"count\": 1}}, \"note\": null}"));
        String plain = write(details);

        // WHEN / THEN other global settings of the app change nothing
        JsonInclude.Value nonEmpty =
                JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_NULL);
        for (JsonMapper other : new JsonMapper[] {
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .build(),
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                    .build(),
            JsonMapper.builder()
                    .changeDefaultPropertyInclusion(incl -> nonEmpty)
                    .build()
        }) {
            assertThat(other.writeValueAsString(details)).isEqualTo(plain);
        }
        assertThat(plain).contains("\"msg\":null", "\"total_duration\":null", "\"sample\":[]", "\"note\":null");
    }

    @Test
    void documentPost() {
        JsonNode out = mapFixture(JobKind.DOCUMENT_POST, "document-post.json");

        assertThat(out.get("result").propertyNames()).containsExactly("created_term_count", "created_terms");
        assertThat(out.at("/result/created_term_count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/created_terms").size()).isEqualTo(2);
        assertThat(out.at("/result/created_terms/0/id").longValue()).isEqualTo(1325);
        assertThat(out.at("/result/created_terms/0/title").stringValue()).isEqualTo("Quarterly revenue");
        assertThat(out.at("/result/created_terms/1/id").longValue()).isEqualTo(1326);
        assertThat(out.at("/result/created_terms/1/title").stringValue()).isEqualTo("Churn rate");
    }

    @Test
    void termPostSharesTheDocumentClass() {
        JsonNode out = mapFixture(JobKind.TERM_POST, "document-post.json");

        assertThat(out.get("type").stringValue()).isEqualTo("JobDetailsDocumentPost");
        assertThat(out.at("/result/created_terms/1/title").stringValue()).isEqualTo("Churn rate");
    }

    @Test
    void documentPut() {
        JsonNode out = mapFixture(JobKind.TERM_PUT, "document-put.json");

        assertThat(out.get("type").stringValue()).isEqualTo("JobDetailsDocumentPut");
        assertThat(out.at("/result/updated_term_count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/updated_terms/0").propertyNames()).containsExactly("id");
        assertThat(out.at("/result/updated_terms/0/id").longValue()).isEqualTo(1334);
        assertThat(out.at("/result/updated_terms/1/id").longValue()).isEqualTo(1335);
    }

    @Test
    void documentDelete() {
        JsonNode out = mapFixture(JobKind.DOCUMENT_DELETE, "document-delete.json");

        assertThat(out.at("/result/deleted_document_count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/deleted_document_ids/0").longValue()).isEqualTo(11);
        assertThat(out.at("/result/deleted_document_ids/1").longValue()).isEqualTo(12);
    }

    @Test
    void termDeleteHasItsOwnKeys() {
        JsonNode out = mapFixture(JobKind.TERM_DELETE, "term-delete.json");

        assertThat(out.get("type").stringValue()).isEqualTo("JobDetailsTermDelete");
        assertThat(out.at("/result/deleted_term_count").longValue()).isEqualTo(3);
        assertThat(out.at("/result/deleted_term_ids").size()).isEqualTo(3);
        assertThat(out.at("/result/deleted_term_ids/2").longValue()).isEqualTo(203);
    }

    @Test
    void customFieldPostDecodesItemsSentAsJsonStrings() {
        JsonNode out = mapFixture(JobKind.CUSTOM_FIELD_POST, "custom-field-post.json");

        assertThat(out.at("/result").size()).isEqualTo(2);
        assertThat(out.at("/result/0/msg").stringValue()).isEqualTo("Starting bulk creation of Custom Fields...");
        assertThat(out.at("/result/0/data/field_ids").isArray()).isTrue();
        assertThat(out.at("/result/0/data/field_ids").size()).isZero();
        assertThat(out.at("/result/1/msg").stringValue()).isEqualTo("Finished bulk creation of Custom Fields");
        assertThat(out.at("/result/1/data/field_ids/0").longValue()).isEqualTo(10314);
        assertThat(out.at("/result/1/data/field_ids/1").longValue()).isEqualTo(10315);
    }

    @Test
    void rdbms() {
        JsonNode out = mapFixture(JobKind.RDBMS_TABLE_POST, "rdbms.json");

        assertThat(out.at("/result/0/response").stringValue()).isEqualTo("Upserted 2 table objects.");
        assertThat(out.at("/result/0/mapping/0/id").longValue()).isEqualTo(1049);
        assertThat(out.at("/result/0/mapping/0/key").stringValue()).isEqualTo("9.sales.returns");
        assertThat(out.at("/result/0/mapping/1/id").longValue()).isEqualTo(1048);
        assertThat(out.at("/result/0/mapping/1/key").stringValue()).isEqualTo("9.sales.sales_commissions");
        assertThat(out.at("/result/0/errors").isArray()).isTrue();
        assertThat(out.at("/result/0/errors").size()).isZero();
    }

    @Test
    void virtualDatasourceDecodesTheJsonStringResult() {
        JsonNode out = mapFixture(JobKind.VIRTUAL_DATASOURCE_POST, "virtual-datasource-post.json");

        assertThat(out.at("/result").isObject()).isTrue();
        assertThat(out.at("/result/number_received").longValue()).isEqualTo(5);
        assertThat(out.at("/result/updated_objects").longValue()).isEqualTo(4);
        assertThat(out.at("/result/error_objects/0").stringValue())
                .isEqualTo("Failed to import the uploaded file at line 4. Data may be malformed.");
        assertThat(out.at("/result/error").stringValue()).isEqualTo("1 errors were ignored");
    }

    @Test
    void dataQualityFillsTheActionsAlationLeftOut() {
        JsonNode out = mapFixture(JobKind.DATA_QUALITY_VALUES_POST, "data-quality.json");

        assertThat(out.at("/result/fields").propertyNames())
                .containsExactly("created", "updated", "deleted", "not_found");
        assertThat(out.at("/result/fields/updated/count").longValue()).isEqualTo(1);
        assertThat(out.at("/result/fields/updated/sample/0/field_key").stringValue())
                .isEqualTo("sdk-test-1");
        assertThat(out.at("/result/fields/deleted/count").longValue()).isZero();
        assertThat(out.at("/result/fields/deleted/sample").size()).isZero();
        assertThat(out.at("/result/values/updated/sample/0/object_key").stringValue())
                .isEqualTo("131.schema_new.table_2");
        assertThat(out.at("/result/values/not_found/count").longValue()).isZero();
        assertThat(out.at("/result/created_object_attribution/success_count").longValue())
                .isZero();
        assertThat(out.at("/result/created_object_attribution/failure_sample").isArray())
                .isTrue();
        assertThat(out.at("/result/flag_counts/WARNING").longValue()).isEqualTo(1);
        assertThat(out.at("/result/flag_counts").propertyNames()).containsExactly("GOOD", "WARNING", "ALERT");
        assertThat(out.at("/result/total_duration").doubleValue()).isEqualTo(0.07003468499897281);
    }

    @Test
    void folderPost() {
        JsonNode out = mapFixture(JobKind.DOCUMENT_HUB_FOLDER_POST, "folder-post.json");

        assertThat(out.at("/result/created_folder_count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/created_folders/0/id").longValue()).isEqualTo(10);
        assertThat(out.at("/result/created_folders/1/title").stringValue()).isEqualTo("Finance / Controlling");
    }

    @Test
    void folderPut() {
        JsonNode out = mapFixture(JobKind.DOCUMENT_HUB_FOLDER_PUT, "folder-put.json");

        assertThat(out.at("/result/updated_folder_count").longValue()).isEqualTo(1);
        assertThat(out.at("/result/updated_folders/0/id").longValue()).isEqualTo(10);
        assertThat(out.at("/result/updated_folders/0/title").stringValue()).isEqualTo("Finance (archived)");
    }

    @Test
    void folderDelete() {
        JsonNode out = mapFixture(JobKind.DOCUMENT_HUB_FOLDER_DELETE, "folder-delete.json");

        assertThat(out.at("/result/deleted_folder_count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/deleted_folder_ids/1").longValue()).isEqualTo(12);
    }

    @Test
    void dataflowPostAndPatch() {
        JsonNode post = mapFixture(JobKind.DATAFLOW_POST, "dataflow-post.json");
        JsonNode patch = mapFixture(JobKind.DATAFLOW_PATCH, "dataflow-post.json");

        assertThat(patch).isEqualTo(post);
        assertThat(post.at("/result/0/response").stringValue()).isEqualTo("Created 1 and replaced 1 dataflow objects.");
        assertThat(post.at("/result/0/mapping/0/id").longValue()).isEqualTo(501);
        assertThat(post.at("/result/0/mapping/0/external_id").stringValue()).isEqualTo("api/df101");
        assertThat(post.at("/result/0/mapping/1/replaced").stringValue()).isEqualTo("true");
    }

    @Test
    void dataflowDelete() {
        JsonNode out = mapFixture(JobKind.DATAFLOW_DELETE, "dataflow-delete.json");

        assertThat(out.at("/result/0/response").stringValue()).isEqualTo("Deleted 1 dataflow objects.");
        assertThat(out.at("/result/0/mapping/0/external_id").stringValue()).isEqualTo("api/df101");
        assertThat(out.at("/result/0/mapping/0/impacted_dfos/1").longValue()).isEqualTo(602);
        assertThat(out.at("/result/0/failed/0/reason").stringValue()).isEqualTo("Dataflow object not found");
    }

    @Test
    void genericKindsKeepTheResultExactlyAsSent() {
        JsonNode raw = fixture("business-policy-post.json").get("result");

        for (JobKind kind : new JobKind[] {
            JobKind.BUSINESS_POLICY_POST,
            JobKind.BUSINESS_POLICY_PUT,
            JobKind.VIRTUAL_FILESYSTEM_POST,
            JobKind.CUSTOM_FIELD_VALUE_ASYNC_PUT,
            JobKind.GENERIC
        }) {
            JobDetails details = mapper.map(kind, "successful", "done", raw);
            JsonNode out = serialized(details);

            assertThat(details).isInstanceOf(GenericJobDetails.class);
            assertThat(out.get("type").stringValue()).isEqualTo("JobDetails");
            assertThat(out.get("typed").booleanValue()).isTrue();
            assertThat(out.get("result")).isEqualTo(raw);
        }
    }

    @Test
    void everyKindMapsToTheClassItNames() {
        for (JobKind kind : JobKind.values()) {
            assertThat(mapper.map(kind, "running", null, null).type())
                    .as("%s", kind)
                    .isEqualTo(kind.dataClass());
        }
    }

    @Test
    void typedResultsAreRecordsForJavaCallers() {
        JobDetails details = mapper.map(
                JobKind.DOCUMENT_POST,
                "successful",
                "done",
                fixture("document-post.json").get("result"));

        assertThat(details).isInstanceOf(JobDetailsDocumentPost.class);
        JobDetailsDocumentPost.Result result = (JobDetailsDocumentPost.Result) details.result();
        assertThat(result.createdTermCount()).isEqualTo(2);
        assertThat(result.createdTerms())
                .first()
                .isEqualTo(new JobDetailsDocumentPost.CreatedTerm(1325L, "Quarterly revenue", java.util.Map.of()));
    }
}
