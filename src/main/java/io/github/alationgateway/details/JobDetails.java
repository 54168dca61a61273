package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job's details in the shape of Allie-SDK's data class for the job's kind: {@code type} is the data class's
 * name, {@code result} Alation's result typed to that class. Where the result does not fit the class (a failed
 * job's error text, null while the job runs) it is exactly what Alation sent and {@code typed} is false.
 */
@Schema(
        description = "Job details shaped as Allie-SDK's data class named by `type`.",
        oneOf = {
            GenericJobDetails.class,
            JobDetailsDocumentPost.class,
            JobDetailsDocumentPut.class,
            JobDetailsDocumentDelete.class,
            JobDetailsTermDelete.class,
            JobDetailsCustomFieldPost.class,
            JobDetailsRdbms.class,
            JobDetailsVirtualDatasourcePost.class,
            JobDetailsDataQuality.class,
            JobDetailsDocumentHubFolderPost.class,
            JobDetailsDocumentHubFolderPut.class,
            JobDetailsDocumentHubFolderDelete.class,
            JobDetailsDataflowPost.class,
            JobDetailsDataflowDelete.class,
            DataDictionaryTaskDetails.class
        },
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = GenericJobDetails.TYPE, schema = GenericJobDetails.class),
            @DiscriminatorMapping(value = JobDetailsDocumentPost.TYPE, schema = JobDetailsDocumentPost.class),
            @DiscriminatorMapping(value = JobDetailsDocumentPut.TYPE, schema = JobDetailsDocumentPut.class),
            @DiscriminatorMapping(value = JobDetailsDocumentDelete.TYPE, schema = JobDetailsDocumentDelete.class),
            @DiscriminatorMapping(value = JobDetailsTermDelete.TYPE, schema = JobDetailsTermDelete.class),
            @DiscriminatorMapping(value = JobDetailsCustomFieldPost.TYPE, schema = JobDetailsCustomFieldPost.class),
            @DiscriminatorMapping(value = JobDetailsRdbms.TYPE, schema = JobDetailsRdbms.class),
            @DiscriminatorMapping(
                    value = JobDetailsVirtualDatasourcePost.TYPE,
                    schema = JobDetailsVirtualDatasourcePost.class),
            @DiscriminatorMapping(value = JobDetailsDataQuality.TYPE, schema = JobDetailsDataQuality.class),
            @DiscriminatorMapping(
                    value = JobDetailsDocumentHubFolderPost.TYPE,
                    schema = JobDetailsDocumentHubFolderPost.class),
            @DiscriminatorMapping(
                    value = JobDetailsDocumentHubFolderPut.TYPE,
                    schema = JobDetailsDocumentHubFolderPut.class),
            @DiscriminatorMapping(
                    value = JobDetailsDocumentHubFolderDelete.TYPE,
                    schema = JobDetailsDocumentHubFolderDelete.class),
            @DiscriminatorMapping(value = JobDetailsDataflowPost.TYPE, schema = JobDetailsDataflowPost.class),
            @DiscriminatorMapping(value = JobDetailsDataflowDelete.TYPE, schema = JobDetailsDataflowDelete.class),
            @DiscriminatorMapping(value = DataDictionaryTaskDetails.TYPE, schema = DataDictionaryTaskDetails.class)
        })
@JsonPropertyOrder({"type", "status", "msg", "result", "typed"})
public sealed interface JobDetails
        permits GenericJobDetails,
                JobDetailsDocumentPost,
                JobDetailsDocumentPut,
                JobDetailsDocumentDelete,
                JobDetailsTermDelete,
                JobDetailsCustomFieldPost,
                JobDetailsRdbms,
                JobDetailsVirtualDatasourcePost,
                JobDetailsDataQuality,
                JobDetailsDocumentHubFolderPost,
                JobDetailsDocumentHubFolderPut,
                JobDetailsDocumentHubFolderDelete,
                JobDetailsDataflowPost,
                JobDetailsDataflowDelete,
                DataDictionaryTaskDetails {

    /** Allie-SDK's data class name, e.g. {@code JobDetailsDocumentPost}. */
    @JsonProperty("type")
    String type();

    /** Alation's job status as sent: {@code running}, {@code successful}, {@code failed}, ... */
    @JsonProperty("status")
    String status();

    @JsonProperty("msg")
    String msg();

    /** The typed result (a record of this class) when {@link #typed()}; otherwise the {@code JsonNode} as sent. */
    @JsonProperty("result")
    Object result();

    /** False when the result as a whole did not fit the class and is kept exactly as Alation sent it. */
    @JsonProperty("typed")
    boolean typed();
}
