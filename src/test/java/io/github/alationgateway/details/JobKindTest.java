package io.github.alationgateway.details;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobKindTest {

    @ParameterizedTest
    @CsvSource({
        "POST,   /integration/v2/document/,                         DOCUMENT_POST",
        "PUT,    /integration/v2/document/,                         DOCUMENT_PUT",
        "DELETE, /integration/v2/document/,                         DOCUMENT_DELETE",
        "POST,   /integration/v2/term/,                             TERM_POST",
        "PUT,    /integration/v2/term/,                             TERM_PUT",
        "DELETE, /integration/v2/term/,                             TERM_DELETE",
        "POST,   /integration/v1/business_policies/,                BUSINESS_POLICY_POST",
        "PUT,    /integration/v1/business_policies/,                BUSINESS_POLICY_PUT",
        "POST,   /integration/v2/custom_field/,                     CUSTOM_FIELD_POST",
        "PUT,    /integration/v2/custom_field_value/async/,         CUSTOM_FIELD_VALUE_ASYNC_PUT",
        "POST,   /integration/v2/schema/?ds_id=9,                   RDBMS_SCHEMA_POST",
        "POST,   /integration/v2/table/?ds_id=9,                    RDBMS_TABLE_POST",
        "POST,   /integration/v2/column/?ds_id=9,                   RDBMS_COLUMN_POST",
        "PATCH,  /integration/v2/schema/?ds_id=9,                   RDBMS_SCHEMA_PATCH",
        "PATCH,  /integration/v2/table/?ds_id=9,                    RDBMS_TABLE_PATCH",
        "PATCH,  /integration/v2/column/?ds_id=9,                   RDBMS_COLUMN_PATCH",
        "POST,   /api/v1/bulk_metadata/extraction/12,               VIRTUAL_DATASOURCE_POST",
        "POST,   /api/v1/bulk_metadata/file_upload/3/,              VIRTUAL_FILESYSTEM_POST",
        "POST,   /integration/v1/data_quality/,                     DATA_QUALITY_POST",
        "DELETE, /integration/v1/data_quality/,                     DATA_QUALITY_DELETE",
        "POST,   /integration/v1/data_quality/fields/,              DATA_QUALITY_FIELDS_POST",
        "DELETE, /integration/v1/data_quality/values/,              DATA_QUALITY_VALUES_DELETE",
        "POST,   /integration/v2/folder/,                           DOCUMENT_HUB_FOLDER_POST",
        "PUT,    /integration/v2/folder/,                           DOCUMENT_HUB_FOLDER_PUT",
        "DELETE, /integration/v2/folder/,                           DOCUMENT_HUB_FOLDER_DELETE",
        "POST,   /integration/v2/dataflow/,                         DATAFLOW_POST",
        "PATCH,  /integration/v2/dataflow/,                         DATAFLOW_PATCH",
        "DELETE, /integration/v2/dataflow/?keyField=id,             DATAFLOW_DELETE",
        "PATCH,  /integration/v2/column/88/children/?ds_id=9,       RDBMS_COLUMN_CHILDREN_PATCH",
        "PATCH,  /integration/v2/column/children/?ds_id=9,          RDBMS_ROOT_COLUMN_CHILDREN_PATCH",
        "POST,   /integration/v2/bi/server/21/folder/,              BI_FOLDER_POST",
        "POST,   /integration/v2/bi/server/21/report/,              BI_REPORT_POST",
        "POST,   /integration/v2/bi/server/21/report/column/,       BI_REPORT_COLUMN_POST",
        "DELETE, /integration/v2/domain/,                           DOMAIN_DELETE",
        "POST,   /integration/v2/domain/membership/,                DOMAIN_MEMBERSHIP_POST",
        "POST,   /integration/v2/lineage/,                          LINEAGE_POST",
    })
    void knowsTheCallsOfAlationsTable(String method, String endpoint, JobKind kind) {
        assertThat(JobKind.fromCall(method, endpoint)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "post,   /integration/v2/document,                                  DOCUMENT_POST",
        "Post,   integration/v2/document/,                                  DOCUMENT_POST",
        "' put', /integration/v2/document/?foo=1&bar=2#top,                 DOCUMENT_PUT",
        "POST,   https://alation.example.com/integration/v2/term/,          TERM_POST",
        "POST,   https://alation.example.com:8443/integration/v2/schema/?ds_id=7, RDBMS_SCHEMA_POST",
        "POST,   http://alation/api/v1/bulk_metadata/extraction/12?set_title_descs=true, VIRTUAL_DATASOURCE_POST",
        "POST,   /api/v1/bulk_metadata/extraction/12/,                      VIRTUAL_DATASOURCE_POST",
        "POST,   /api/v1/bulk_metadata/file_upload/3,                       VIRTUAL_FILESYSTEM_POST",
        "POST,   //integration//v2/folder//,                                DOCUMENT_HUB_FOLDER_POST",
        "POST,   /Integration/V2/Document/,                                 DOCUMENT_POST",
    })
    void ignoresQueryTrailingSlashCaseAndHost(String method, String endpoint, JobKind kind) {
        assertThat(JobKind.fromCall(method, endpoint)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "GET,    /integration/v2/document/",
        "PATCH,  /integration/v2/document/",
        "POST,   /integration/v2/documents/",
        "POST,   /api/v1/bulk_metadata/extraction/",
        "POST,   /api/v1/bulk_metadata/extraction/abc",
        "POST,   /api/v1/bulk_metadata/extraction/12/extra",
        "PATCH,  /integration/v2/column/abc/children/?ds_id=9",
        "POST,   /integration/v2/bi/server/21/datasource/",
        "PATCH,  /integration/v2/bi/server/21/folder/",
        "POST,   /integration/v2/domain/",
        "POST,   /integration/v1/data_quality/things/",
        "POST,   /",
        "POST,   ''",
        "POST,   https://alation.example.com",
        "FETCH,  /integration/v2/document/",
    })
    void anyOtherCallIsGeneric(String method, String endpoint) {
        assertThat(JobKind.fromCall(method, endpoint)).isEqualTo(JobKind.GENERIC);
    }

    @Test
    void missingMethodOrEndpointIsGeneric() {
        assertThat(JobKind.fromCall(null, "/integration/v2/document/")).isEqualTo(JobKind.GENERIC);
        assertThat(JobKind.fromCall("POST", null)).isEqualTo(JobKind.GENERIC);
    }

    @Test
    void everyListedCallLeadsBackToItsKind() {
        for (JobKind kind : JobKind.values()) {
            for (JobKind.Call call : kind.calls()) {
                assertThat(JobKind.fromCall(call.method(), call.endpoint()))
                        .as("%s", call)
                        .isEqualTo(kind);
            }
        }
    }

    @Test
    void aNamedKindAgreesWithTheCallThatStartsIt() {
        assertThat(JobKind.TERM_POST.agreesWith("POST", "/integration/v2/term/"))
                .isTrue();
        assertThat(JobKind.TERM_POST.agreesWith("POST", "/integration/v2/document/"))
                .isFalse();
        assertThat(JobKind.DOCUMENT_POST.agreesWith("PUT", "/integration/v2/document/"))
                .isFalse();
        assertThat(JobKind.GENERIC.agreesWith("POST", "/somewhere/else/")).isTrue();
        assertThat(JobKind.GENERIC.agreesWith("POST", "/integration/v2/term/")).isFalse();
    }

    @Test
    void dataQualityFieldsAndValuesAgreeWithTheSharedEndpoint() {
        assertThat(JobKind.DATA_QUALITY_FIELDS_POST.agreesWith("POST", "/integration/v1/data_quality/"))
                .isTrue();
        assertThat(JobKind.DATA_QUALITY_VALUES_DELETE.agreesWith("DELETE", "/integration/v1/data_quality/"))
                .isTrue();
        assertThat(JobKind.DATA_QUALITY_VALUES_POST.agreesWith("DELETE", "/integration/v1/data_quality/"))
                .isFalse();
        assertThat(JobKind.DATA_QUALITY_POST.agreesWith("POST", "/integration/v1/data_quality/fields/"))
                .isFalse();
    }

    @Test
    void onlyGenericHasNoCalls() {
        assertThat(Arrays.stream(JobKind.values()).filter(kind -> kind.calls().isEmpty()))
                .containsExactly(JobKind.GENERIC);
    }

    @Test
    void mapsKindsToAllieSdkClasses() {
        assertThat(JobKind.TERM_POST.dataClass()).isEqualTo("JobDetailsDocumentPost");
        assertThat(JobKind.TERM_PUT.dataClass()).isEqualTo("JobDetailsDocumentPut");
        assertThat(JobKind.TERM_DELETE.dataClass()).isEqualTo("JobDetailsTermDelete");
        assertThat(JobKind.RDBMS_COLUMN_PATCH.dataClass()).isEqualTo("JobDetailsRdbms");
        assertThat(JobKind.DATAFLOW_PATCH.dataClass()).isEqualTo("JobDetailsDataflowPost");
        assertThat(JobKind.DATA_QUALITY_VALUES_DELETE.dataClass()).isEqualTo("JobDetailsDataQuality");
        assertThat(JobKind.CUSTOM_FIELD_VALUE_ASYNC_PUT.dataClass()).isEqualTo("JobDetails");
        assertThat(JobKind.VIRTUAL_FILESYSTEM_POST.dataClass()).isEqualTo("JobDetails");
        assertThat(JobKind.BUSINESS_POLICY_PUT.dataClass()).isEqualTo("JobDetails");
        assertThat(JobKind.RDBMS_COLUMN_CHILDREN_PATCH.dataClass()).isEqualTo("JobDetailsRdbms");
        assertThat(JobKind.RDBMS_ROOT_COLUMN_CHILDREN_PATCH.dataClass()).isEqualTo("JobDetailsRdbms");
        assertThat(JobKind.BI_REPORT_COLUMN_POST.dataClass()).isEqualTo("JobDetails");
        assertThat(JobKind.DOMAIN_DELETE.dataClass()).isEqualTo("JobDetails");
    }

    @Test
    void parsesNamesIgnoringCase() {
        assertThat(JobKind.parse("document_post")).contains(JobKind.DOCUMENT_POST);
        assertThat(JobKind.parse(" Rdbms_Table_Patch ")).contains(JobKind.RDBMS_TABLE_PATCH);
        assertThat(JobKind.parse("GENERIC")).contains(JobKind.GENERIC);
        assertThat(JobKind.parse("JobDetailsDocumentPost")).isEmpty();
        assertThat(JobKind.parse("")).isEmpty();
        assertThat(JobKind.parse(null)).isEmpty();
    }
}
