package io.github.alationgateway.polling;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationProperties;
import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.store.FinishedJobs;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.Outcomes;
import io.github.alationgateway.system.BackgroundLoops;
import io.github.alationgateway.system.ReplicaIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PollingConfiguration {

    @Bean
    DecideOutcome decideOutcome(
            PollProperties settings,
            CadenceProperties cadence,
            AlationProperties alation,
            FinishedJobs history,
            JobDetailsMapper details) {
        Schedule schedule = new AgeSchedule(settings.interval(), settings.maxInterval());
        if (cadence.cadence() == CadenceProperties.Mode.LEARNED) {
            var durations = new DurationModel(LearnedSchedule.PRIOR);
            schedule = LearnedSchedule.of(durations, settings, cadence, alation);
            LearnFromHistory.startReading(history, durations);
        }
        return new DecideOutcome(
                new Cadence(
                        settings.interval(),
                        settings.maxInterval(),
                        () -> ThreadLocalRandom.current().nextDouble(),
                        schedule),
                settings.deadline(),
                details,
                settings.maxStoredResult());
    }

    @Bean
    @ConditionalOnProperty(name = "gateway.poll.enabled", havingValue = "true", matchIfMissing = true)
    PollLoop pollLoop(
            PollProperties settings,
            JobClaims claims,
            Outcomes outcomes,
            AlationClient alation,
            DecideOutcome decide,
            JobStore store,
            Clock clock,
            ReplicaIdentity replica,
            MeterRegistry meters,
            BackgroundLoops loops,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration stopWithin) {
        PollLoop poller = new PollLoop(
                settings,
                claims,
                outcomes,
                alation,
                decide,
                new FollowUps(store),
                clock,
                replica.name(),
                meters,
                loops);
        poller.stopWithin(stopWithin);
        return poller;
    }

    /** With polling switched off (a read-only replica), registrations simply wait for a poller elsewhere. */
    @Bean
    @ConditionalOnProperty(name = "gateway.poll.enabled", havingValue = "false")
    PollTrigger noPoller() {
        return () -> {};
    }
}
