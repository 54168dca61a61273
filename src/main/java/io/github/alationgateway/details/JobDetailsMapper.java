package io.github.alationgateway.details;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Maps Alation's untyped {@code result} to the data class of the job's kind. Never throws for any JSON: what
 * does not fit the class is kept as sent (see {@link JsonFields} for the rules).
 */
@Component
public class JobDetailsMapper {

    /**
     * The details of a job of {@code kind}; {@code rawResult} is Alation's {@code result} exactly as received,
     * or null. The details' {@code result()} is the class's record (or a {@code List<Object>} for list classes)
     * when typed, otherwise the {@code JsonNode} as received.
     */
    public JobDetails map(JobKind kind, String status, String msg, JsonNode rawResult) {
        Objects.requireNonNull(kind, "kind");
        JsonNode raw = rawResult == null || rawResult.isMissingNode() ? null : rawResult;
        return switch (kind) {
            case DOCUMENT_POST, TERM_POST -> JobDetailsDocumentPost.of(status, msg, raw);
            case DOCUMENT_PUT, TERM_PUT -> JobDetailsDocumentPut.of(status, msg, raw);
            case DOCUMENT_DELETE -> JobDetailsDocumentDelete.of(status, msg, raw);
            case TERM_DELETE -> JobDetailsTermDelete.of(status, msg, raw);
            case CUSTOM_FIELD_POST -> JobDetailsCustomFieldPost.of(status, msg, raw);
            case RDBMS_SCHEMA_POST,
                    RDBMS_TABLE_POST,
                    RDBMS_COLUMN_POST,
                    RDBMS_SCHEMA_PATCH,
                    RDBMS_TABLE_PATCH,
                    RDBMS_COLUMN_PATCH,
                    RDBMS_COLUMN_CHILDREN_PATCH,
                    RDBMS_ROOT_COLUMN_CHILDREN_PATCH -> JobDetailsRdbms.of(status, msg, raw);
            case VIRTUAL_DATASOURCE_POST -> JobDetailsVirtualDatasourcePost.of(status, msg, raw);
            case DATA_QUALITY_FIELDS_POST,
                    DATA_QUALITY_FIELDS_DELETE,
                    DATA_QUALITY_VALUES_POST,
                    DATA_QUALITY_VALUES_DELETE,
                    DATA_QUALITY_POST,
                    DATA_QUALITY_DELETE -> JobDetailsDataQuality.of(status, msg, raw);
            case DOCUMENT_HUB_FOLDER_POST -> JobDetailsDocumentHubFolderPost.of(status, msg, raw);
            case DOCUMENT_HUB_FOLDER_PUT -> JobDetailsDocumentHubFolderPut.of(status, msg, raw);
            case DOCUMENT_HUB_FOLDER_DELETE -> JobDetailsDocumentHubFolderDelete.of(status, msg, raw);
            case DATAFLOW_POST, DATAFLOW_PATCH -> JobDetailsDataflowPost.of(status, msg, raw);
            case DATAFLOW_DELETE -> JobDetailsDataflowDelete.of(status, msg, raw);
            case DATA_DICTIONARY_UPLOAD -> DataDictionaryTaskDetails.of(status, msg, raw);
            case BUSINESS_POLICY_POST,
                    BUSINESS_POLICY_PUT,
                    CUSTOM_FIELD_VALUE_ASYNC_PUT,
                    VIRTUAL_FILESYSTEM_POST,
                    BI_FOLDER_POST,
                    BI_REPORT_POST,
                    BI_REPORT_COLUMN_POST,
                    DOMAIN_DELETE,
                    DOMAIN_MEMBERSHIP_POST,
                    LINEAGE_POST,
                    GENERIC -> new GenericJobDetails(status, msg, raw);
        };
    }

    /** Whether Alation tells how far jobs of this kind have come. */
    public boolean hasProgress(JobKind kind) {
        return kind == JobKind.DATA_DICTIONARY_UPLOAD;
    }

    /**
     * How far the job has come, when Alation says: the batches of a data dictionary upload. {@code rawResult} is
     * the result as stored; empty for every other kind, whose status answers carry no progress.
     */
    public Optional<JobProgress> progress(JobKind kind, JsonNode rawResult) {
        if (!hasProgress(kind)) return Optional.empty();
        return DataDictionaryTaskDetails.progress(rawResult);
    }

    /**
     * The id of the second job a finished job names in its result, if it names one. Only custom field value
     * updates start a second job (on cloud-native Alation); it must be tracked on its own.
     */
    public OptionalLong followUpJobId(JobKind kind, JsonNode rawResult) {
        if (kind != JobKind.CUSTOM_FIELD_VALUE_ASYNC_PUT) return OptionalLong.empty();
        return FollowUpJob.idIn(rawResult);
    }
}
