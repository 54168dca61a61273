package io.github.alationgateway.alation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class AlationConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlationProperties.class)
    @Import(AlationConfiguration.class)
    static class Alation {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Alation.class);

    @Test
    void bindsEveryKindOfInstanceWithDefaults() {
        runner.withPropertyValues(
                        "gateway.poll.request-timeout=3s",
                        "gateway.instances.prod.base-url=https://alation.example.com",
                        "gateway.instances.prod.access-token=abc",
                        "gateway.instances.dev.base-url=http://dev.example.com/alation",
                        "gateway.instances.dev.refresh-token=r",
                        "gateway.instances.dev.user-id=7",
                        "gateway.instances.dev.max-concurrent-requests=2",
                        "gateway.instances.dev.max-requests-per-second=0.5",
                        "gateway.instances.cloud.base-url=https://cloud.example.com",
                        "gateway.instances.cloud.client-id=gw",
                        "gateway.instances.cloud.client-secret=s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AlationProperties properties = context.getBean(AlationProperties.class);
                    assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
                    AlationProperties.Instance prod = properties.instances().get("prod");
                    assertThat(prod.maxConcurrentRequests()).isEqualTo(8);
                    assertThat(prod.maxRequestsPerSecond()).isEqualTo(20);
                    assertThat(prod.credentialKind()).isEqualTo(AlationProperties.CredentialKind.ACCESS_TOKEN);
                    assertThat(properties.instances().get("dev").credentialKind())
                            .isEqualTo(AlationProperties.CredentialKind.REFRESH_TOKEN);
                    assertThat(properties.instances().get("cloud").credentialKind())
                            .isEqualTo(AlationProperties.CredentialKind.CLIENT_CREDENTIALS);

                    assertThat(context.getBean(AlationClient.class).instances())
                            .containsExactlyInAnyOrder("prod", "dev", "cloud");
                    var health = context.getBean("alationHealthContributor", CompositeHealthContributor.class);
                    assertThat(((HealthIndicator) health.getContributor("prod"))
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void anUnreachableInstanceLeavesTheGatewayUp() {
        runner.withConfiguration(AutoConfigurations.of(
                        HealthContributorAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class,
                        HealthEndpointAutoConfiguration.class))
                .withPropertyValues(
                        "management.endpoint.health.show-details=always",
                        "gateway.instances.prod.base-url=http://127.0.0.1:9",
                        "gateway.instances.prod.access-token=abc")
                .run(context -> {
                    context.getBean(AlationClient.class).fetchStatus("prod", AlationJobRef.ofId(1));
                    HealthEndpoint health = context.getBean(HealthEndpoint.class);

                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.healthForPath("alation", "prod").getStatus())
                            .isEqualTo(Status.UNKNOWN);
                });
    }

    @Test
    void requestTimeoutDefaultsToTenSeconds() {
        runner.run(
                context -> assertThat(context.getBean(AlationProperties.class).requestTimeout())
                        .isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void anInstanceWithoutCredentialsStartsAndItsCallsWaitForThem() {
        runner.withPropertyValues("gateway.instances.prod.base-url=http://127.0.0.1:9")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var answer = context.getBean(AlationClient.class).fetchStatus("prod", AlationJobRef.ofId(1));
                    assertThat(answer).isInstanceOf(JobStatusAnswer.CredentialsRejected.class);
                    assertThat(((JobStatusAnswer.CredentialsRejected) answer).reason())
                            .contains("no credentials are configured");
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "access-token=abc|base-url must be set",
                "base-url=ftp://alation.example.com,access-token=abc|base-url must be an http:// or https://",
                "base-url=alation.example.com,access-token=abc|base-url must be an http:// or https://",
                "base-url=https://me:pw@a.example.com,access-token=abc|base-url must not hold a user or password",
                "base-url=https://a.example.com,access-token=abc,client-id=x,client-secret=y|more than one kind",
                "base-url=https://a.example.com,refresh-token=r|user-id must be set together with refresh-token",
                "base-url=https://a.example.com,user-id=7|refresh-token must be set together with user-id",
                "base-url=https://a.example.com,client-id=x|client-secret must be set together with client-id",
                "base-url=https://a.example.com,access-token=a,max-concurrent-requests=0|max-concurrent-requests",
                "base-url=https://a.example.com,access-token=a,max-requests-per-second=-1|max-requests-per-second"
            })
    void refusesToStartOnBadInstanceSettings(String settings, String message) {
        String[] properties = settings.split(",");
        for (int i = 0; i < properties.length; i++) {
            properties[i] = "gateway.instances.prod." + properties[i];
        }
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("gateway.instances.prod.")
                    .hasMessageContaining(message);
        });
    }

    @Test
    void refusesANonPositiveRequestTimeout() {
        runner.withPropertyValues("gateway.poll.request-timeout=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("gateway.poll.request-timeout must be positive");
        });
    }
}
