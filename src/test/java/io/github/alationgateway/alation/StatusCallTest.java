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
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCallTest {

    @RegisterExtension
    static WireMockExtension alation = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));

    private RestAlationClient client() {
        return anInstance(alation.baseUrl()).accessToken("static-token").client(clock);
    }

    @Test
    void sendsTheStaticTokenAndReadsTheStatusDocument() {
        // GIVEN
        alation.stubFor(get(urlEqualTo("/api/v1/bulk_metadata/job/?id=813"))
                .withHeader("TOKEN", equalTo("static-token"))
                .willReturn(okJson("{\"status\":\"successful\",\"msg\":\"Job finished in 0.08 seconds\","
                        + "\"result\":[{\"id\":1},\"plain\"]}")));

        // WHEN
        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(813));

        // THEN
        assertThat(answer).isInstanceOfSatisfying(JobStatusAnswer.Status.class, status -> {
            assertThat(status.status()).isEqualTo("successful");
            assertThat(status.msg()).isEqualTo("Job finished in 0.08 seconds");
            assertThat(status.result().isArray()).isTrue();
            assertThat(status.result().get(1).asString()).isEqualTo("plain");
        });
    }

    @Test
    void keepsANullResultAsNull() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(okJson("{\"status\":\"running\",\"msg\":null,\"result\":null}")));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer).isEqualTo(new JobStatusAnswer.Status("running", null, null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "MetadataExtraction#1_2026-11-29|MetadataExtraction%231_2026-11-29",
                "a&b=c|a%26b%3Dc",
                "plus+sign|plus%2Bsign",
                "with space|with%20space",
                "ünï/cöde?|%C3%BCn%C3%AF%2Fc%C3%B6de%3F"
            })
    void encodesJobNamesSoThatAlationSeesTheWholeName(String name, String encoded) {
        alation.stubFor(
                get(urlPathEqualTo("/api/v1/bulk_metadata/job/")).willReturn(okJson("{\"status\":\"running\"}")));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofName(name));

        assertThat(answer).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(getRequestedFor(urlEqualTo("/api/v1/bulk_metadata/job/?name=" + encoded))
                .withQueryParam("name", equalTo(name)));
    }

    @Test
    void keepsAPathInTheBaseUrl() {
        alation.stubFor(get(urlEqualTo("/alation/api/v1/bulk_metadata/job/?id=5"))
                .willReturn(okJson("{\"status\":\"failed\"}")));

        JobStatusAnswer answer = anInstance(alation.baseUrl() + "/alation/")
                .accessToken("t")
                .client(clock)
                .fetchStatus(NAME, AlationJobRef.ofId(5));

        assertThat(answer).isInstanceOf(JobStatusAnswer.Status.class);
    }

    @Test
    void notFoundWhenAlationDoesNotKnowTheJob() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\":\"Not found.\"}")));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(813));

        assertThat(answer).isEqualTo(new JobStatusAnswer.NotFound("Alation does not know job 813 (HTTP 404)"));
    }

    @Test
    void anHtml404IsAProxyNotAnUnknownJob() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>nope</html>")));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(813));

        assertThat(answer)
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Unavailable.class,
                        unavailable -> assertThat(unavailable.reason())
                                .startsWith("answer is not JSON (HTTP 404, text/html)"));
    }

    @ParameterizedTest
    @CsvSource({"500", "502", "503", "504"})
    void serverErrorsAreUnavailable(int code) {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(aResponse().withStatus(code)));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer).isEqualTo(new JobStatusAnswer.Unavailable("Alation answered HTTP " + code));
    }

    @ParameterizedTest
    @CsvSource({"200", "502"})
    void anHtmlPageIsNotAJobStatus(int code) {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(aResponse()
                        .withStatus(code)
                        .withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("<html><body>Bad gateway</body></html>")));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer)
                .isEqualTo(new JobStatusAnswer.Unavailable(
                        code == 200 ? "answer is not JSON (text/html)" : "Alation answered HTTP 502"));
    }

    @Test
    void jsonThatIsNotAJobStatusIsUnavailable() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/")).willReturn(okJson("[1,2]")));

        assertThat(client().fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.Unavailable("answer is not a job status document (not a JSON object)"));

        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/")).willReturn(okJson("{\"detail\":\"x\"}")));

        assertThat(client().fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.Unavailable("answer is not a job status document (no status)"));
    }

    @Test
    void unreadableBodyIsUnavailable() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(aResponse().withStatus(200).withBody("not json at all")));

        assertThat(client().fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.Unavailable("answer is not JSON (no content type)"));
    }

    @Test
    void aHungRequestEndsWithinTheRequestTimeout() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(okJson("{\"status\":\"running\"}").withFixedDelay(3_000)));

        RestAlationClient client = anInstance(alation.baseUrl())
                .accessToken("t")
                .timeout(Duration.ofMillis(300))
                .client(clock);

        long start = System.nanoTime();
        JobStatusAnswer answer = client.fetchStatus(NAME, AlationJobRef.ofId(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isEqualTo(new JobStatusAnswer.Unavailable("no answer within 300ms"));
        assertThat(took).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        JobStatusAnswer answer = anInstance("http://127.0.0.1:" + closedPort)
                .accessToken("t")
                .client(clock)
                .fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer).isEqualTo(new JobStatusAnswer.Unavailable("connection refused"));
    }

    @Test
    void a401WithAStaticTokenMeansTheCredentialsAreRejected() {
        alation.stubFor(get(urlPathEqualTo("/api/v1/bulk_metadata/job/"))
                .willReturn(aResponse().withStatus(401)));

        JobStatusAnswer answer = client().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer)
                .isEqualTo(new JobStatusAnswer.CredentialsRejected("Alation rejected the access token (HTTP 401)"));
        alation.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/bulk_metadata/job/")));
    }

    @Test
    void anUnknownInstanceWaitsLikeRejectedCredentials() {
        assertThat(client().fetchStatus("elsewhere", AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.CredentialsRejected("instance 'elsewhere' is not configured"));
    }
}
