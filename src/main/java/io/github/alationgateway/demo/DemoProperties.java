package io.github.alationgateway.demo;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * {@code gateway.demo.*}: the simulated Alation and the demo's stream of jobs. Only bound in the demo profiles.
 *
 * @param runningPolls how many status calls a scripted job answers {@code running} before it ends
 * @param newJobEvery how often the demo starts and registers one more job
 * @param registerJobs whether this process starts demo jobs and registers them at {@code gatewayUrl}
 * @param gatewayUrl the gateway that tracks the demo's jobs: this process in the demo profile, a replica in compose
 * @param apiKey the API key the demo registers with
 * @param instance the name of the simulated Alation in the gateway's configuration
 */
@Profile({"demo", "demo-alation"})
@ConfigurationProperties("gateway.demo")
record DemoProperties(
        @DefaultValue Alation alation,
        @DefaultValue("3") int runningPolls,
        @DefaultValue("20s") Duration newJobEvery,
        @DefaultValue("true") boolean registerJobs,
        URI gatewayUrl,
        @DefaultValue("demo-key") String apiKey,
        @DefaultValue("default") String instance) {

    /** The credentials the simulated Alation accepts, one of each kind of ALATION.md §5. */
    record Alation(
            @DefaultValue("demo-alation-token") String accessToken,
            @DefaultValue("demo-refresh-token") String refreshToken,
            @DefaultValue("1") long userId,
            @DefaultValue("demo-client") String clientId,
            @DefaultValue("demo-secret") String clientSecret,
            @DefaultValue("1h") Duration tokenLifetime) {}
}
