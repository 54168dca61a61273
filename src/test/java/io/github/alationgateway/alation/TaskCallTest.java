package io.github.alationgateway.alation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.alationgateway.alation.Instances.NAME;
import static io.github.alationgateway.alation.Instances.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The data dictionary task API read into the job API's vocabulary, with the same faults and tokens. */
class TaskCallTest {

    @RegisterExtension
    static WireMockExtension alation = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String TASK = "3b1f6f0e-7d2a-4c55-9a61-0c2e8f4d9b17";
    private static final String TASK_PATH = "/integration/v1/data_dictionary/tasks/" + TASK;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));

    private JobStatusAnswer fetch() {
        return anInstance(alation.baseUrl())
                .accessToken("static-token")
                .client(clock)
                .fetchStatus(NAME, AlationJobRef.ofTask(UUID.fromString(TASK)));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TaskCallTest.class.getResourceAsStream("/details/data-dictionary/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTaskNotYetCompletedIsRunningAndSaysItsState() throws IOException {
        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .withHeader("TOKEN", equalTo("static-token"))
                .willReturn(okJson(fixture("task-processing.json"))));

        JobStatusAnswer answer = fetch();

        assertThat(answer).isInstanceOfSatisfying(JobStatusAnswer.Status.class, status -> {
            assertThat(status.status()).isEqualTo("running");
            assertThat(status.msg()).isEqualTo("Task PROCESSING");
            assertThat(status.result()
                            .path("task")
                            .path("progress")
                            .path("batches_completed")
                            .asLong())
                    .isEqualTo(3);
            assertThat(status.result().has("errors")).isFalse();
        });
        alation.verify(0, getRequestedFor(urlPathEqualTo(TASK_PATH + "/errors/")));
    }

    @Test
    void aPartlySucceededTaskComesWithItsErrorsFetchedOnce() throws IOException {
        alation.stubFor(get(urlEqualTo(TASK_PATH)).willReturn(okJson(fixture("task-partially-succeeded.json"))));
        alation.stubFor(get(urlEqualTo(TASK_PATH + "/errors/")).willReturn(okJson(fixture("task-errors.json"))));

        JobStatusAnswer answer = fetch();

        assertThat(answer).isInstanceOfSatisfying(JobStatusAnswer.Status.class, status -> {
            assertThat(status.status()).isEqualTo("partially_successful");
            assertThat(status.msg())
                    .isEqualTo("Task COMPLETED: PARTIALLY_SUCCEEDED; records: 1204 total, 1187 succeeded, 17 failed;"
                            + " first error: No column with key 'sales.orders.discount_pct'");
            assertThat(status.result().path("errors")).hasSize(2);
            assertThat(status.result().path("task").path("id").asString()).isEqualTo(TASK);
        });
        alation.verify(1, getRequestedFor(urlPathEqualTo(TASK_PATH + "/errors/")));
    }

    @Test
    void aSucceededTaskNeedsNoErrors() {
        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .willReturn(okJson("{\"id\": \"" + TASK + "\", \"state\": \"COMPLETED\", \"status\": \"SUCCEEDED\"}")));

        JobStatusAnswer answer = fetch();

        assertThat(answer)
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Status.class,
                        status -> assertThat(status.status()).isEqualTo("successful"));
        alation.verify(0, getRequestedFor(urlPathEqualTo(TASK_PATH + "/errors/")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"timestamp\": \"2026-11-30T07:01:12Z\", \"error_message\": \"bad\"} | 1",
                "[]                                                                   | 0",
                "null                                                                 | 0",
            })
    void errorsMayComeAsOneObjectAsAnEmptyListOrAsNull(String body, int count) {
        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .willReturn(okJson("{\"id\": \"" + TASK + "\", \"state\": \"COMPLETED\", \"status\": \"FAILED\"}")));
        alation.stubFor(get(urlEqualTo(TASK_PATH + "/errors/")).willReturn(okJson(body)));

        JobStatusAnswer answer = fetch();

        assertThat(answer).isInstanceOfSatisfying(JobStatusAnswer.Status.class, status -> {
            assertThat(status.status()).isEqualTo("failed");
            assertThat(status.result().path("errors")).hasSize(count);
        });
    }

    @Test
    void errorsThatCannotBeReadKeepTheTaskRunningSoThatItsFinalStatusNeverComesWithoutThem() {
        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .willReturn(okJson("{\"id\": \"" + TASK + "\", \"state\": \"COMPLETED\", \"status\": \"FAILED\"}")));
        alation.stubFor(
                get(urlEqualTo(TASK_PATH + "/errors/")).willReturn(aResponse().withStatus(502)));

        assertThat(fetch()).isEqualTo(new JobStatusAnswer.Unavailable("Alation answered HTTP 502"));
    }

    @Test
    void aTaskAlationDoesNotKnowIsNotFoundAndAnHtmlPageIsNot() {
        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"Not found.\"}")));
        assertThat(fetch())
                .isEqualTo(new JobStatusAnswer.NotFound(
                        "Alation does not know data dictionary task " + TASK + " (HTTP 404)"));

        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html/>")));
        assertThat(fetch()).isInstanceOf(JobStatusAnswer.Unavailable.class);
    }

    @Test
    void anUnknownCompletedStatusIsKeptAsSent() {
        alation.stubFor(get(urlEqualTo(TASK_PATH))
                .willReturn(okJson("{\"id\": \"" + TASK + "\", \"state\": \"COMPLETED\", \"status\": \"CANCELLED\"}")));

        assertThat(fetch())
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Status.class,
                        status -> assertThat(status.status()).isEqualTo("CANCELLED"));
    }

    @Test
    void aTokenRejectedOnceIsRenewedForTasksToo() {
        alation.stubFor(get(urlEqualTo(TASK_PATH)).willReturn(aResponse().withStatus(401)));

        assertThat(fetch()).isInstanceOf(JobStatusAnswer.CredentialsRejected.class);
    }
}
