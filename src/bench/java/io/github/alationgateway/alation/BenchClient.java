package io.github.alationgateway.alation;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP clients the benchmark measures: main's {@link RestAlationClient} exactly as the gateway builds it,
 * and the same client with one change, HTTP/1.1 pinned. The JDK client's default, HTTP/2, makes it offer an
 * h2c upgrade on every plain-http request to a server that does not take it up, and does not reuse those
 * connections: a new TCP connection per poll, about ten times slower against an HTTP/1.1 server.
 */
public final class BenchClient {

    private BenchClient() {}

    public static AlationClient restClient(String baseUrl, Duration requestTimeout, boolean http11) {
        var instance = new AlationProperties.Instance(
                URI.create(baseUrl), "bench", null, null, null, null, 1024, 1_000_000);
        var properties =
                new AlationProperties(Map.of("default", instance), new AlationProperties.Poll(requestTimeout));
        var json = JsonMapper.builder().build();
        RestClient.Builder builder = RestClient.builder();
        if (!http11) return new RestAlationClient(properties, builder, json);
        var pinned = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build());
        pinned.setReadTimeout(requestTimeout);
        // RestAlationClient hands its own request factory to the builder; this builder keeps the pinned one.
        RestClient.Builder keepsPinned = (RestClient.Builder) Proxy.newProxyInstance(
                BenchClient.class.getClassLoader(), new Class<?>[] {RestClient.Builder.class}, (proxy, method, args) -> {
                    if (method.getName().equals("requestFactory")) {
                        builder.requestFactory(pinned);
                        return proxy;
                    }
                    Object result = method.invoke(builder, args);
                    return result == builder ? proxy : result;
                });
        return new RestAlationClient(properties, keepsPinned, json);
    }
}
