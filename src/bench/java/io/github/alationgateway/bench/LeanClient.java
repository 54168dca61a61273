package io.github.alationgateway.bench;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.alation.JobStatusAnswer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not the gateway's client: the least a client must do (JDK HttpClient on HTTP/1.1, one request, one parse),
 * so that the benchmark can show what the poller and its database reach when the client costs little. No
 * tokens, limits or retries: those are the real client's job, on another branch.
 */
final class LeanClient implements AlationClient {

    private final HttpClient http;
    private final String jobUrl;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    LeanClient(String baseUrl, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.jobUrl = baseUrl + "/api/v1/bulk_metadata/job/?";
        this.timeout = timeout;
    }

    @Override
    public Set<String> instances() {
        return Set.of("default");
    }

    @Override
    public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
        String query = job.id() != null
                ? "id=" + job.id()
                : "name=" + URLEncoder.encode(job.name(), StandardCharsets.UTF_8);
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(jobUrl + query))
                            .timeout(timeout)
                            .header("TOKEN", "bench")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new JobStatusAnswer.Unavailable("Alation answered HTTP " + response.statusCode());
            }
            JsonNode doc = json.readTree(response.body());
            JsonNode result = doc.get("result");
            return new JobStatusAnswer.Status(
                    doc.get("status").asString(),
                    doc.hasNonNull("msg") ? doc.get("msg").asString() : null,
                    result == null || result.isNull() ? null : result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JobStatusAnswer.Unavailable("interrupted");
        } catch (Exception e) {
            return new JobStatusAnswer.Unavailable("no answer from Alation: " + e.getClass().getSimpleName());
        }
    }
}
