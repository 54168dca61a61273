package io.github.alationgateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.details.DataDictionaryTaskDetails;
import io.github.alationgateway.details.JobDetails;
import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.details.JobKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each of Allie-SDK's tests/methods tests that mocks a call starting a job, replayed through the gateway: the
 * answer of that call, registered with the call's method and endpoint, then completed with the job answer, is
 * typed as that test expects (cases in {@code allie-sdk/method-tests.json}).
 */
class AllieSdkMethodTestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JobDetailsMapper mapper = new JobDetailsMapper();

    static Stream<Named<JsonNode>> cases() {
        return read("/allie-sdk/method-tests.json")
                .get("cases")
                .valueStream()
                .map(c -> Named.of(c.get("sdk_test").asString(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theJobIsTypedAsTheSdksTestExpects(JsonNode c) {
        // GIVEN what the call answered, registered with the call
        JobKind called =
                JobKind.fromCall(c.get("method").asString(), c.get("endpoint").asString());
        HandleParser.Handle handle = HandleParser.handle(c.get("start_answer"), called);

        // WHEN Alation's job answer comes
        JsonNode job =
                c.has("job_fixture") ? read("/details/" + c.get("job_fixture").asString()) : c.get("job_answer");
        JsonNode result = c.has("task_fixture") ? storedTask(c) : job.get("result");
        JobDetails details = mapper.map(
                handle.kind(), job.get("status").asString(), job.get("msg").asString(), result);

        // THEN
        assertThat(handle.kind().name()).isEqualTo(c.get("kind").asString());
        assertThat(details.type()).isEqualTo(c.get("data_class").asString());
        assertThat(details.typed()).isTrue();
        assertThat(details.status()).isEqualTo(job.get("status").asString());
        JsonNode start = c.get("start_answer");
        if (start.has("job_name")) {
            assertThat(handle.ref().name()).isEqualTo(start.get("job_name").asString());
        } else if (start.path("task").path("id").isString()) {
            assertThat(handle.ref().taskId())
                    .isEqualTo(start.get("task").get("id").asString());
            // A task's errors are typed with it: as many as Alation listed.
            int listed = storedTask(c).get("errors").size();
            assertThat(details)
                    .isInstanceOfSatisfying(
                            DataDictionaryTaskDetails.class,
                            task -> assertThat(task.errors()).hasSize(listed));
        } else {
            long id = start.has("job_id")
                    ? start.get("job_id").asLong()
                    : start.has("task")
                            ? start.get("task").get("id").asLong()
                            : start.get("job").get("id").asLong();
            assertThat(handle.ref().id()).isEqualTo(id);
        }
    }

    /** What the gateway stores for a data dictionary task: the task API's answer and, once ended, its errors. */
    private static JsonNode storedTask(JsonNode c) {
        ObjectNode stored = JSON.createObjectNode();
        stored.set("task", read("/details/" + c.get("task_fixture").asString()));
        stored.set("errors", read("/details/" + c.get("task_errors_fixture").asString()));
        return stored;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AllieSdkMethodTestsTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
