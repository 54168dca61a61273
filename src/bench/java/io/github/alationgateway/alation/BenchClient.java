package io.github.alationgateway.alation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own {@link RestAlationClient}, built as the gateway builds it but outside a Spring context, with
 * the per-instance limits lifted, so that the benchmark can measure the client alone.
 */
public final class BenchClient {

    private BenchClient() {}

    public static AlationClient gatewayClient(String baseUrl, Duration requestTimeout) {
        var instance =
                new AlationProperties.Instance(URI.create(baseUrl), "bench", null, null, null, null, 1024, 0);
        var properties =
                new AlationProperties(Map.of("default", instance), new AlationProperties.Poll(requestTimeout, null, null));
        return new RestAlationClient(
                properties, JsonMapper.builder().build(), Clock.systemUTC(), new SimpleMeterRegistry());
    }
}
