package io.github.alationgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.support.EventStreamClient;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Streams hold no request thread: a replica with 4 of them serves 12 streams and still answers other requests.
 * A replica that stops (SIGTERM runs the same close) ends its streams with a comment, so that clients reconnect
 * to another replica, and its graceful shutdown does not wait out the streams.
 */
class StreamShutdownTest {

    @Test
    void streamsHoldNoThreadAndEndWithACommentWhenTheReplicaStops() {
        // GIVEN a gateway with 4 request threads and 12 open streams
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:shutdown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--gateway.instances.default.base-url=http://127.0.0.1:9",
                        "--gateway.poll.enabled=false",
                        "--server.jetty.threads.max=4",
                        "--server.jetty.threads.min=1",
                        "--gateway.events.max-streams-per-key=20",
                        "--gateway.security.rate-limit.requests-per-second=0");
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        List<EventStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 12; i++) streams.add(EventStreamClient.open(port, "/api/v1/events?types=job.ended"));
        assertThat(streams).allMatch(stream -> stream.status() == 200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.getBean(OpenStreams.class).count() == 12);
        assertThat(new GatewayApi(port).get("/api/v1/jobs").status()).isEqualTo(200);

        // WHEN it stops
        long before = System.nanoTime();
        gateway.close();

        // THEN every stream got the comment and ended, and the stop did not wait for them to time out
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.stream().allMatch(EventStreamClient::ended));
        for (EventStreamClient stream : streams) {
            assertThat(stream.comments()).last().asString().startsWith("the gateway is shutting down");
        }
    }
}
