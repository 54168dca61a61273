package io.github.alationgateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.UUID;

/**
 * An Alation job-status API, and its data dictionary task API, on WireMock. Each job (or task, or task's error
 * list) answers a script of responses in order, one per call, and keeps answering the last one.
 */
public final class FakeAlation implements AutoCloseable {

    public static final String JOB_PATH = "/api/v1/bulk_metadata/job/";
    public static final String TASKS_PATH = "/integration/v1/data_dictionary/tasks/";
    public static final String TOKEN = "fake-alation-token";

    private final WireMockServer server;

    private FakeAlation(WireMockServer server) {
        this.server = server;
    }

    public static FakeAlation start() {
        var server =
                new WireMockServer(options().dynamicPort().containerThreads(32).jettyAcceptors(2));
        server.start();
        return new FakeAlation(server);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** A job status document as Alation writes it; {@code resultJson} is raw JSON (or null for no result). */
    public static ResponseDefinitionBuilder status(String status, String msg, String resultJson) {
        String body = "{\"status\": \"" + status + "\", \"msg\": " + (msg == null ? "null" : "\"" + msg + "\"")
                + ", \"result\": " + (resultJson == null ? "null" : resultJson) + "}";
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** A job status document given whole, e.g. a fixture file's content. */
    public static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    public static ResponseDefinitionBuilder http(int code, String contentType, String body) {
        return aResponse()
                .withStatus(code)
                .withHeader("Content-Type", contentType)
                .withBody(body);
    }

    public void scriptById(long id, ResponseDefinitionBuilder... answers) {
        script(get(urlPathEqualTo(JOB_PATH)).withQueryParam("id", equalTo(Long.toString(id))), answers);
    }

    public void scriptByName(String name, ResponseDefinitionBuilder... answers) {
        script(get(urlPathEqualTo(JOB_PATH)).withQueryParam("name", equalTo(name)), answers);
    }

    /** The answers of {@code GET /integration/v1/data_dictionary/tasks/{taskId}}, one per poll. */
    public void scriptTask(String taskId, ResponseDefinitionBuilder... answers) {
        script(get(urlPathEqualTo(TASKS_PATH + taskId)), answers);
    }

    /** The answers of {@code GET /integration/v1/data_dictionary/tasks/{taskId}/errors/}, one per call. */
    public void scriptTaskErrors(String taskId, ResponseDefinitionBuilder... answers) {
        script(get(urlPathEqualTo(TASKS_PATH + taskId + "/errors/")), answers);
    }

    public int pollsOfTask(String taskId) {
        return server.countRequestsMatching(
                        getRequestedFor(urlPathEqualTo(TASKS_PATH + taskId)).build())
                .getCount();
    }

    public int errorCallsOfTask(String taskId) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(TASKS_PATH + taskId + "/errors/"))
                        .build())
                .getCount();
    }

    private void script(MappingBuilder request, ResponseDefinitionBuilder... answers) {
        String scenario = UUID.randomUUID().toString();
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder step =
                    copy(request).inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step-" + i);
            step.withHeader("TOKEN", equalTo(TOKEN)).willReturn(answers[i]);
            if (i + 1 < answers.length) step.willSetStateTo("step-" + (i + 1));
            server.stubFor(step);
        }
    }

    /** WireMock's builders are mutable; each step needs its own. */
    private static MappingBuilder copy(MappingBuilder request) {
        var built = request.build();
        var copy = get(built.getRequest().getUrlMatcher());
        if (built.getRequest().getQueryParameters() != null) {
            built.getRequest().getQueryParameters().forEach((name, pattern) -> copy.withQueryParam(name, pattern));
        }
        return copy;
    }

    public int pollsOfId(long id) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(JOB_PATH))
                        .withQueryParam("id", equalTo(Long.toString(id)))
                        .build())
                .getCount();
    }

    public int pollsOfName(String name) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(JOB_PATH))
                        .withQueryParam("name", equalTo(name))
                        .build())
                .getCount();
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
