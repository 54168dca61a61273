package io.github.alationgateway.details;

import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Maps Alation's untyped {@code result} to the data class of the job's kind. */
@Component
public class JobDetailsMapper {

    public JobDetails map(JobKind kind, String status, String msg, JsonNode rawResult) {
        return new GenericJobDetails(kind.dataClass(), status, msg, rawResult, true);
    }

    /** The id of the second job a finished job names in its result, if it names one. */
    public OptionalLong followUpJobId(JobKind kind, JsonNode rawResult) {
        return OptionalLong.empty();
    }
}
