package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Alation call that started a job; decides which of Allie-SDK's data classes its details take. Endpoints
 * are written as Alation documents them; {@code {...}} stands for a numeric id in the path.
 */
public enum JobKind {
    DOCUMENT_POST("JobDetailsDocumentPost", post("/integration/v2/document/")),
    DOCUMENT_PUT("JobDetailsDocumentPut", put("/integration/v2/document/")),
    DOCUMENT_DELETE("JobDetailsDocumentDelete", delete("/integration/v2/document/")),
    TERM_POST("JobDetailsDocumentPost", post("/integration/v2/term/")),
    TERM_PUT("JobDetailsDocumentPut", put("/integration/v2/term/")),
    // Alation answers term deletes with its own keys (deleted_term_*), unlike documents.
    TERM_DELETE("JobDetailsTermDelete", delete("/integration/v2/term/")),
    BUSINESS_POLICY_POST("JobDetails", post("/integration/v1/business_policies/")),
    BUSINESS_POLICY_PUT("JobDetails", put("/integration/v1/business_policies/")),
    CUSTOM_FIELD_POST("JobDetailsCustomFieldPost", post("/integration/v2/custom_field/")),
    CUSTOM_FIELD_VALUE_ASYNC_PUT("JobDetails", put("/integration/v2/custom_field_value/async/")),
    RDBMS_SCHEMA_POST("JobDetailsRdbms", post("/integration/v2/schema/")),
    RDBMS_TABLE_POST("JobDetailsRdbms", post("/integration/v2/table/")),
    RDBMS_COLUMN_POST("JobDetailsRdbms", post("/integration/v2/column/")),
    RDBMS_SCHEMA_PATCH("JobDetailsRdbms", patch("/integration/v2/schema/")),
    RDBMS_TABLE_PATCH("JobDetailsRdbms", patch("/integration/v2/table/")),
    RDBMS_COLUMN_PATCH("JobDetailsRdbms", patch("/integration/v2/column/")),
    // Allie-SDK's patch_child_columns and patch_root_child_columns: nested columns, answered like any column upsert.
    RDBMS_COLUMN_CHILDREN_PATCH("JobDetailsRdbms", patch("/integration/v2/column/{column_id}/children/")),
    RDBMS_ROOT_COLUMN_CHILDREN_PATCH("JobDetailsRdbms", patch("/integration/v2/column/children/")),
    VIRTUAL_DATASOURCE_POST("JobDetailsVirtualDatasourcePost", post("/api/v1/bulk_metadata/extraction/{ds_id}")),
    VIRTUAL_FILESYSTEM_POST("JobDetails", post("/api/v1/bulk_metadata/file_upload/{fs_id}/")),
    // Allie-SDK sends data quality fields and values alike through /integration/v1/data_quality/, so a call
    // there cannot tell them apart: it maps to DATA_QUALITY_*. The narrower kinds are for callers that name
    // them, and for the per-type paths.
    DATA_QUALITY_FIELDS_POST("JobDetailsDataQuality", post("/integration/v1/data_quality/fields/")),
    DATA_QUALITY_FIELDS_DELETE("JobDetailsDataQuality", delete("/integration/v1/data_quality/fields/")),
    DATA_QUALITY_VALUES_POST("JobDetailsDataQuality", post("/integration/v1/data_quality/values/")),
    DATA_QUALITY_VALUES_DELETE("JobDetailsDataQuality", delete("/integration/v1/data_quality/values/")),
    DATA_QUALITY_POST("JobDetailsDataQuality", post("/integration/v1/data_quality/")),
    DATA_QUALITY_DELETE("JobDetailsDataQuality", delete("/integration/v1/data_quality/")),
    DOCUMENT_HUB_FOLDER_POST("JobDetailsDocumentHubFolderPost", post("/integration/v2/folder/")),
    DOCUMENT_HUB_FOLDER_PUT("JobDetailsDocumentHubFolderPut", put("/integration/v2/folder/")),
    DOCUMENT_HUB_FOLDER_DELETE("JobDetailsDocumentHubFolderDelete", delete("/integration/v2/folder/")),
    DATAFLOW_POST("JobDetailsDataflowPost", post("/integration/v2/dataflow/")),
    DATAFLOW_PATCH("JobDetailsDataflowPost", patch("/integration/v2/dataflow/")),
    DATAFLOW_DELETE("JobDetailsDataflowDelete", delete("/integration/v2/dataflow/")),
    // BI source (GBMv2) upserts by external id; Allie-SDK gives their results no class of their own.
    BI_FOLDER_POST("JobDetails", post("/integration/v2/bi/server/{bi_server_id}/folder/")),
    BI_REPORT_POST("JobDetails", post("/integration/v2/bi/server/{bi_server_id}/report/")),
    BI_REPORT_COLUMN_POST("JobDetails", post("/integration/v2/bi/server/{bi_server_id}/report/column/")),
    DOMAIN_DELETE("JobDetails", delete("/integration/v2/domain/")),
    // Alation runs a membership change as a job only above its synchronous batch size (1,000 objects by default).
    DOMAIN_MEMBERSHIP_POST("JobDetails", post("/integration/v2/domain/membership/")),
    // Alation's jobs API page lists the Lineage API among those that answer a job name; this is its upload call.
    LINEAGE_POST("JobDetails", post("/integration/v2/lineage/")),
    // Tracked through Alation's data dictionary task API (by a UUID), not its job API. One call per object type
    // Allie-SDK uploads to: the type is a word in the path, which call matching does not generalise.
    DATA_DICTIONARY_UPLOAD(
            "DataDictionaryTaskDetails",
            put("/integration/v1/data_dictionary/data/{oid}/upload/"),
            put("/integration/v1/data_dictionary/schema/{oid}/upload/"),
            put("/integration/v1/data_dictionary/table/{oid}/upload/"),
            put("/integration/v1/data_dictionary/glossary_v3/{oid}/upload/"),
            put("/integration/v1/data_dictionary/bi_server/{oid}/upload/"),
            put("/integration/v1/data_dictionary/bi_folder/{oid}/upload/"),
            put("/integration/v1/data_dictionary/bi_report/{oid}/upload/"),
            put("/integration/v1/data_dictionary/bi_datasource/{oid}/upload/")),
    /** Any other call: details carry the result exactly as Alation sent it. */
    GENERIC("JobDetails");

    /** One Alation call that starts a job of a kind. */
    public record Call(
            @JsonProperty("method") String method,
            @JsonProperty("endpoint") String endpoint) {}

    private static final Map<String, JobKind> BY_CALL = new HashMap<>();

    static {
        for (JobKind kind : values()) {
            for (Call call : kind.calls) {
                JobKind clash = BY_CALL.put(key(call.method(), AlationPath.of(call.endpoint())), kind);
                if (clash != null) throw new IllegalStateException(call + " starts both " + clash + " and " + kind);
            }
        }
    }

    private final String dataClass;
    private final List<Call> calls;

    JobKind(String dataClass, Call... calls) {
        this.dataClass = dataClass;
        this.calls = List.of(calls);
    }

    /** Allie-SDK's name for the data class of this kind's job details. */
    public String dataClass() {
        return dataClass;
    }

    /** The Alation calls that start a job of this kind; none for GENERIC. */
    public List<Call> calls() {
        return calls;
    }

    /** The kind named {@code name}, ignoring case and surrounding blanks. */
    public static Optional<JobKind> parse(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The kind of job a call to Alation starts; GENERIC for calls the gateway has no data class for. The
     * endpoint may be a path or a full URL; its query string, a trailing slash and numeric ids do not matter.
     * A caller that was also told a kind checks it with {@link #agreesWith}.
     */
    public static JobKind fromCall(String method, String endpoint) {
        if (method == null || endpoint == null) return GENERIC;
        return BY_CALL.getOrDefault(key(method, AlationPath.of(endpoint)), GENERIC);
    }

    /**
     * Whether a client that names this kind and also sends the call that started the job is consistent. True
     * when the call starts this kind, and also for the data quality fields/values kinds with a call to
     * {@code /integration/v1/data_quality/} of the same method, which starts both (Allie-SDK sends both there).
     */
    public boolean agreesWith(String method, String endpoint) {
        JobKind called = fromCall(method, endpoint);
        return called == this || called == umbrella();
    }

    private JobKind umbrella() {
        switch (this) {
            case DATA_QUALITY_FIELDS_POST:
            case DATA_QUALITY_VALUES_POST:
                return DATA_QUALITY_POST;
            case DATA_QUALITY_FIELDS_DELETE:
            case DATA_QUALITY_VALUES_DELETE:
                return DATA_QUALITY_DELETE;
            default:
                return this;
        }
    }

    private static String key(String method, String path) {
        return method.strip().toUpperCase(Locale.ROOT) + " " + path;
    }

    private static Call post(String endpoint) {
        return new Call("POST", endpoint);
    }

    private static Call put(String endpoint) {
        return new Call("PUT", endpoint);
    }

    private static Call patch(String endpoint) {
        return new Call("PATCH", endpoint);
    }

    private static Call delete(String endpoint) {
        return new Call("DELETE", endpoint);
    }
}
