package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** How far Alation says a job has come: {@code done} of {@code total} (for a data dictionary upload, batches). */
@Schema(name = "JobProgress", description = "How far Alation says the job has come; null when it does not say.")
public record JobProgress(
        @JsonProperty("done") long done,
        @JsonProperty("total") long total) {

    /** The tenth of the way the job has reached, 0 to 10: progress is logged once per tenth. */
    public int tenths() {
        return total <= 0 || done <= 0 ? 0 : (int) Math.min(10, done * 10 / total);
    }
}
