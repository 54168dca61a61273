package io.github.alationgateway.bench;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.JobClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Gateway replicas as whole Spring contexts in this JVM, each with its own connection pool, HTTP client and
 * poller, on one database. Their database calls are counted and each claim's lag (due time to claim) noted.
 */
final class Replicas implements AutoCloseable {

    final StatementCounter counter = new StatementCounter();
    /** Lag of each claimed job, in microseconds, while {@link #recordLag} is on. */
    final ConcurrentLinkedQueue<Long> lagMicros = new ConcurrentLinkedQueue<>();

    volatile boolean recordLag;
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final java.util.function.Supplier<AlationClient> client;

    /** {@code client}: what each replica polls with instead of the gateway's own client; null for its own. */
    Replicas(int count, List<String> args, java.util.function.Supplier<AlationClient> client) {
        this.client = client;
        for (int i = 0; i < count; i++) {
            contexts.add(new SpringApplicationBuilder(GatewayApplication.class)
                    .web(WebApplicationType.NONE)
                    .initializers(context -> {
                        context.getBeanFactory().addBeanPostProcessor(probes());
                        // A client of the benchmark's own takes the place of the gateway's where the poller
                        // looks for one; the gateway's stays for its health contributor.
                        if (client != null && context instanceof GenericApplicationContext generic) {
                            generic.registerBean(
                                    "benchAlationClient", AlationClient.class, client, bd -> bd.setPrimary(true));
                        }
                    })
                    .run(args.toArray(String[]::new)));
        }
    }

    private BeanPostProcessor probes() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource) return counter.wrap(dataSource);
                if (bean instanceof JobClaims claims) return measured(claims);
                return bean;
            }
        };
    }

    private JobClaims measured(JobClaims claims) {
        return (owner, now, leaseUntil, limit) -> {
            List<ClaimedJob> claimed = claims.claimDue(owner, now, leaseUntil, limit);
            if (recordLag) {
                for (ClaimedJob claim : claimed) {
                    if (claim.dueAt() != null) {
                        lagMicros.add(java.time.Duration.between(claim.dueAt(), now).toNanos() / 1000);
                    }
                }
            }
            return claimed;
        };
    }

    <T> T bean(Class<T> type) {
        return contexts.get(0).getBean(type);
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }
}
