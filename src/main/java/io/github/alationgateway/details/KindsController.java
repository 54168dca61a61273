package io.github.alationgateway.details;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the job kinds a client may register, the data class of each, and the Alation calls that start it. */
@RestController
class KindsController {

    // Built once: the enum cannot change while the gateway runs.
    private static final Kinds KINDS =
            new Kinds(Arrays.stream(JobKind.values()).map(Kind::of).toList());

    @GetMapping("/api/v1/kinds")
    Kinds kinds() {
        return KINDS;
    }

    record Kinds(@JsonProperty("items") List<Kind> items) {}

    record Kind(
            @JsonProperty("kind") String kind,
            @JsonProperty("data_class") String dataClass,
            @JsonProperty("calls") List<JobKind.Call> calls) {

        static Kind of(JobKind kind) {
            return new Kind(kind.name(), kind.dataClass(), kind.calls());
        }
    }
}
