package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * What the gateway last learnt about one instance, for {@code /actuator/health/alation/<name>} and for the one
 * log line per change of the credentials' state.
 *
 * <p>A troubled instance reports {@code UNKNOWN}, never {@code DOWN}: an Alation outage is not the gateway's, and
 * with Boot's default order (DOWN, OUT_OF_SERVICE, UP, UNKNOWN) the overall status stays UP. Liveness and
 * readiness groups do not include this contributor.
 */
final class InstanceHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(InstanceHealth.class);

    private enum Credentials {
        NOT_YET_USED("not yet used"),
        ACCEPTED("accepted"),
        REJECTED("rejected");

        private final String text;

        Credentials(String text) {
            this.text = text;
        }
    }

    /** One snapshot: readers see outcome, time and reason of the same call. */
    private record LastCall(PollOutcome outcome, long atMillis, String reason) {}

    private final String instance;
    private final AlationProperties.Instance settings;
    private final InstanceLimits limits;
    private final InstanceCircuit circuit;
    private final Clock clock;
    private final AtomicReference<Credentials> credentials = new AtomicReference<>(Credentials.NOT_YET_USED);
    private volatile String credentialsProblem;
    private volatile LastCall lastCall;

    InstanceHealth(
            String instance,
            AlationProperties.Instance settings,
            InstanceLimits limits,
            InstanceCircuit circuit,
            Clock clock) {
        this.instance = instance;
        this.settings = settings;
        this.limits = limits;
        this.circuit = circuit;
        this.clock = clock;
    }

    void record(JobStatusAnswer answer, PollOutcome outcome) {
        if (outcome != PollOutcome.DEFERRED) {
            // Deferred calls never reached Alation: they say nothing new about it.
            lastCall = new LastCall(outcome, clock.millis(), PollOutcome.reason(answer));
        }
        if (outcome == PollOutcome.CREDENTIALS_REJECTED) {
            credentialsProblem = PollOutcome.reason(answer);
            Credentials before = credentials.getAndSet(Credentials.REJECTED);
            if (before != Credentials.REJECTED) {
                log.warn(
                        "Alation instance '{}' rejects the gateway's credentials ({}): {}. Its jobs wait until this is"
                                + " fixed.",
                        instance,
                        settings.credentialKind(),
                        credentialsProblem);
            }
        } else if (outcome == PollOutcome.STATUS || outcome == PollOutcome.NOT_FOUND) {
            if (credentials.get() != Credentials.ACCEPTED
                    && credentials.getAndSet(Credentials.ACCEPTED) == Credentials.REJECTED) {
                log.info("Alation instance '{}' accepts the gateway's credentials again", instance);
            }
        }
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("baseUrl", String.valueOf(settings.baseUrl()));
        details.put("credentialKind", String.valueOf(settings.credentialKind()));
        Credentials state = credentials.get();
        details.put("credentials", state.text);
        if (state == Credentials.REJECTED) {
            details.put("credentialsProblem", credentialsProblem);
        }
        LastCall last = lastCall;
        if (last != null) {
            details.put("lastOutcome", last.outcome().tag());
            details.put("lastCallAt", Instant.ofEpochMilli(last.atMillis()).toString());
            if (last.reason() != null) {
                details.put("lastReason", last.reason());
            }
        }
        Instant pausedUntil = limits.pausedUntil();
        if (pausedUntil != null) {
            details.put("throttledUntil", pausedUntil.toString());
        }
        // The dashboard's overview shows the first detail whose name holds "circuit" (ui/InstanceStates).
        InstanceCircuit.State circuitState = circuit.state();
        details.put("circuit", circuitState.text());
        Instant probeAt = circuit.probeAt();
        if (probeAt != null) {
            details.put("nextProbeAt", probeAt.toString());
        }
        details.put("faultsInARow", circuit.faultsInRow());
        details.put("requestsInFlight", limits.slotsInUse(settings.maxConcurrentRequests()));
        boolean troubled = state == Credentials.REJECTED
                || pausedUntil != null
                || circuitState != InstanceCircuit.State.CLOSED
                || (last != null
                        && (last.outcome() == PollOutcome.UNAVAILABLE || last.outcome() == PollOutcome.THROTTLED));
        return Health.status(troubled ? Status.UNKNOWN : Status.UP)
                .withDetails(details)
                .build();
    }
}
