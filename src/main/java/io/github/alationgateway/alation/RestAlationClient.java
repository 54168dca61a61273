package io.github.alationgateway.alation;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@link AlationClient} over HTTP: one {@link AlationInstance} per configured instance, built at start. The
 * map is read-only after construction, so looking an instance up takes no lock.
 */
final class RestAlationClient implements AlationClient {

    private static final Logger log = LoggerFactory.getLogger(RestAlationClient.class);

    private final Map<String, AlationInstance> instances;

    RestAlationClient(AlationProperties properties, ObjectMapper json, Clock clock, MeterRegistry registry) {
        Map<String, AlationInstance> built = new LinkedHashMap<>();
        properties
                .instances()
                .forEach((name, settings) -> built.put(
                        name,
                        new AlationInstance(
                                name, settings, properties.poll(), json, clock, new PollMetrics(registry, name))));
        this.instances = Map.copyOf(built);
        properties
                .instances()
                .forEach((name, settings) -> log.info(
                        "Alation instance '{}' at {}: credentials {}, at most {} calls at once and {} per second (0 = no"
                                + " limit), request timeout {}",
                        name,
                        settings.baseUrl(),
                        settings.credentialKind(),
                        settings.maxConcurrentRequests(),
                        settings.maxRequestsPerSecond(),
                        Durations.text(properties.requestTimeout())));
        properties.instances().forEach((name, settings) -> {
            if (settings.credentialKind() == AlationProperties.CredentialKind.NONE) {
                log.warn(
                        "Alation instance '{}' has no credentials: its jobs wait until gateway.instances.{}.access-token"
                                + " (or refresh-token + user-id, or client-id + client-secret) is set",
                        name,
                        name);
            }
        });
    }

    @Override
    public Set<String> instances() {
        return instances.keySet();
    }

    @Override
    public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
        AlationInstance target = instances.get(instance);
        if (target == null) {
            // A job registered against an instance since removed from the settings: it waits, like a job whose
            // credentials are wrong, until an operator puts the instance back.
            return new JobStatusAnswer.CredentialsRejected("instance '" + instance + "' is not configured");
        }
        return target.fetchStatus(job);
    }

    Map<String, InstanceHealth> health() {
        Map<String, InstanceHealth> health = new LinkedHashMap<>();
        instances.forEach((name, instance) -> health.put(name, instance.health()));
        return health;
    }
}
