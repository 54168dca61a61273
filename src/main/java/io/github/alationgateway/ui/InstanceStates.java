package io.github.alationgateway.ui;

import io.github.alationgateway.alation.AlationProperties;
import io.github.alationgateway.system.InstanceScope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each Alation instance the caller may see, as the overview shows it. Read from the {@code alation} health
 * contributor, so that the page says what {@code /actuator/health/alation} says, circuit state included when the
 * client reports one.
 */
@Component
class InstanceStates {

    /** One instance; {@code lastSuccess} is exact when {@code lastSuccessExact}, else within the sampling step. */
    record InstanceState(
            String name,
            boolean troubled,
            String credentials,
            String credentialsProblem,
            Instant throttledUntil,
            String circuit,
            String lastProblem,
            Instant lastSuccess,
            boolean lastSuccessExact,
            String pollsPerMinute) {}

    private final AlationProperties alation;
    private final ObjectProvider<HealthContributor> health;
    private final PollRates rates;
    private final InstanceScope scope;

    InstanceStates(
            AlationProperties alation,
            @Qualifier("alationHealthContributor") ObjectProvider<HealthContributor> health,
            PollRates rates,
            InstanceScope scope) {
        this.alation = alation;
        this.health = health;
        this.rates = rates;
        this.scope = scope;
    }

    List<InstanceState> visible() {
        List<InstanceState> states = new ArrayList<>();
        HealthContributor all = health.getIfAvailable();
        for (String name : new TreeSet<>(alation.instances().keySet())) {
            if (!scope.canSee(name)) continue;
            HealthContributor one =
                    all instanceof CompositeHealthContributor composite ? composite.getContributor(name) : null;
            var result = one instanceof HealthIndicator indicator ? indicator.health() : null;
            Map<String, Object> details = result == null ? Map.of() : result.getDetails();
            states.add(state(
                    name, result != null && !"UP".equals(result.getStatus().getCode()), details));
        }
        return states;
    }

    private InstanceState state(String name, boolean troubled, Map<String, Object> details) {
        boolean answered = "status".equals(details.get("lastOutcome"));
        Instant lastSuccess = answered ? instant(details.get("lastCallAt")) : rates.lastAnswerSeen(name);
        OptionalDouble perMinute = rates.perMinute(name);
        String circuit = details.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT).contains("circuit"))
                .map(e -> String.valueOf(e.getValue()))
                .findFirst()
                // A closed circuit is the normal state: the column then says "none", as for no throttling.
                .filter(state -> !"closed".equals(state))
                .orElse(null);
        return new InstanceState(
                name,
                troubled,
                text(details.get("credentials")),
                text(details.get("credentialsProblem")),
                instant(details.get("throttledUntil")),
                circuit,
                answered ? null : text(details.get("lastReason")),
                lastSuccess,
                answered,
                perMinute.isPresent() ? String.format(java.util.Locale.ROOT, "%.1f", perMinute.getAsDouble()) : null);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Instant instant) return instant;
        try {
            return Instant.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
