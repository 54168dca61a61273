package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.store.DatabaseProduct;
import io.github.alationgateway.system.BackgroundLoops;
import io.github.alationgateway.system.ReplicaIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

    /** As for jobs, the claim is chosen once from the database: SKIP LOCKED where there is one. */
    @Bean
    DeliveryClaims deliveryClaims(
            DatabaseProduct database, JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx) {
        return new DeliveryClaims.InTransaction(
                database.isPostgres()
                        ? new DeliveryClaims.SkipLocked(jdbc)
                        : new DeliveryClaims.Optimistic(jdbc, template),
                tx);
    }

    @Bean
    DecideDelivery decideDelivery(
            WebhookProperties settings,
            Deliveries deliveries,
            EndpointStates states,
            Clock clock,
            MeterRegistry meters) {
        var schedule = new RetrySchedule(
                settings.retrySchedule(), () -> ThreadLocalRandom.current().nextDouble());
        return new DecideDelivery(deliveries, states, schedule, clock, meters);
    }

    @Bean
    DeliverWebhooks deliverWebhooks(
            WebhookProperties settings,
            Receivers receivers,
            DeliveryClaims claims,
            EventLog events,
            DecideDelivery decide,
            EndpointStates states,
            Clock clock,
            ReplicaIdentity replica,
            BackgroundLoops loops,
            @Value("${info.app.version:unknown}") String version) {
        return new DeliverWebhooks(
                settings,
                receivers,
                claims,
                events,
                decide,
                states,
                new SendWebhook(settings.timeout(), version, clock),
                clock,
                replica.name(),
                loops);
    }
}
