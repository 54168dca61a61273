package io.github.alationgateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's HTTP API as a client sees it: plain JDK HTTP, JSON in and out. */
public final class GatewayApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The admin key of the test profile (application-test.yml); sent unless a test picks another. */
    public static final String TEST_ADMIN_KEY = "test-admin-key";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public GatewayApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public GatewayApi(int port) {
        this("http://localhost:" + port, TEST_ADMIN_KEY);
    }

    /** The same gateway called with another key, or with none when {@code apiKey} is null. */
    public GatewayApi withKey(String apiKey) {
        return new GatewayApi(baseUrl, apiKey);
    }

    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json))
                .build());
    }

    /** Any method, path, content type and body (null for none), for tests of what the gateway refuses. */
    public Answer send(String method, String path, String contentType, String body) {
        var builder = request(path)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) builder.header("Content-Type", contentType);
        return send(builder.build());
    }

    /** Registers a job; fails the test unless the gateway answers 200 or 201. */
    public JsonNode register(String json) {
        Answer answer = post("/api/v1/jobs", json);
        if (answer.status() != 201 && answer.status() != 200) {
            throw new AssertionError("registration answered " + answer.status() + ": "
                    + answer.raw().body());
        }
        return answer.body();
    }

    public JsonNode job(String id) {
        return get("/api/v1/jobs/" + id).body();
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) builder.header("Authorization", "Bearer " + apiKey);
        return builder;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? null : parse(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
