package io.github.alationgateway.alation;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Set;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class RestAlationClient implements AlationClient {

    private final AlationProperties properties;
    private final RestClient http;
    private final ObjectMapper json;

    RestAlationClient(AlationProperties properties, RestClient.Builder builder, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .build());
        factory.setReadTimeout(properties.requestTimeout());
        this.http = builder.requestFactory(factory).build();
    }

    @Override
    public Set<String> instances() {
        return properties.instances().keySet();
    }

    @Override
    public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
        var settings = properties.instances().get(instance);
        if (settings == null) {
            return new JobStatusAnswer.CredentialsRejected("instance '" + instance + "' is not configured");
        }
        URI uri = statusUri(settings.baseUrl(), job);
        try {
            String body = http.get()
                    .uri(uri)
                    .header("TOKEN", settings.accessToken() == null ? "" : settings.accessToken())
                    .retrieve()
                    .body(String.class);
            JsonNode doc = json.readTree(body == null ? "" : body);
            if (doc == null || !doc.isObject() || !doc.hasNonNull("status")) {
                return new JobStatusAnswer.Unavailable("answer is not a job status document");
            }
            JsonNode result = doc.get("result");
            return new JobStatusAnswer.Status(
                    doc.get("status").asString(),
                    doc.hasNonNull("msg") ? doc.get("msg").asString() : null,
                    result == null || result.isNull() ? null : result);
        } catch (RestClientResponseException e) {
            int code = e.getStatusCode().value();
            if (code == 404) return new JobStatusAnswer.NotFound("Alation answered 404");
            if (code == 401 || code == 403) return new JobStatusAnswer.CredentialsRejected("Alation answered " + code);
            return new JobStatusAnswer.Unavailable("Alation answered HTTP " + code);
        } catch (ResourceAccessException e) {
            return new JobStatusAnswer.Unavailable("no answer from Alation: "
                    + e.getMostSpecificCause().getClass().getSimpleName());
        } catch (RuntimeException e) {
            return new JobStatusAnswer.Unavailable("unreadable answer from Alation");
        }
    }

    /** Job names hold '#': encoded here, once, so that Alation sees the whole name. */
    static URI statusUri(URI baseUrl, AlationJobRef job) {
        var builder = UriComponentsBuilder.fromUri(baseUrl).path("/api/v1/bulk_metadata/job/");
        // A template variable is encoded strictly: '#', '&' and '+' in a job name reach Alation intact.
        if (job.id() != null) {
            return builder.queryParam("id", "{id}")
                    .encode()
                    .buildAndExpand(job.id())
                    .toUri();
        }
        return builder.queryParam("name", "{name}")
                .encode()
                .buildAndExpand(job.name())
                .toUri();
    }
}
