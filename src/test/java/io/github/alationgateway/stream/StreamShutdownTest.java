package io.github.alationgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.support.EventStreamClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A replica that stops (SIGTERM runs the same close) ends its streams with a comment, so that clients reconnect
 * to another replica, and its graceful shutdown does not wait out the streams.
 */
class StreamShutdownTest {

    @Test
    void openStreamsEndWithACommentWhenTheReplicaStops() {
        // GIVEN a gateway with two open streams
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:shutdown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--gateway.instances.default.base-url=http://127.0.0.1:9",
                        "--gateway.poll.enabled=false");
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        EventStreamClient first = EventStreamClient.open(port, "/api/v1/events");
        EventStreamClient second = EventStreamClient.open(port, "/api/v1/events?types=job.ended");
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.getBean(OpenStreams.class).count() == 2);

        // WHEN it stops
        long before = System.nanoTime();
        gateway.close();

        // THEN both streams got the comment and ended, and the stop did not wait for them to time out
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.ended() && second.ended());
        for (EventStreamClient stream : new EventStreamClient[] {first, second}) {
            assertThat(stream.comments()).last().asString().startsWith("the gateway is shutting down");
        }
    }
}
