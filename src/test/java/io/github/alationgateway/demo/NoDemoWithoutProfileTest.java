package io.github.alationgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Outside the demo profiles nothing of the simulation exists: no bean, no Alation route, no demo settings. */
@SpringBootTest
class NoDemoWithoutProfileTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noDemoBeanIsDefined() {
        var factory = context.getBeanFactory();
        assertThat(Arrays.stream(factory.getBeanDefinitionNames())
                        .map(name -> factory.getType(name, false))
                        .filter(Objects::nonNull)
                        .map(Class::getName))
                .noneMatch(type -> type.startsWith(DemoProperties.class.getPackageName() + "."));
    }

    @Test
    void noSimulatedAlationRouteIsMapped() {
        assertThat(mappings.getHandlerMethods().keySet().stream().flatMap(info -> info.getPatternValues().stream()))
                .isNotEmpty()
                .noneMatch(path -> path.startsWith("/api/v1/bulk_metadata"))
                .noneMatch(path -> path.startsWith("/integration/"))
                .noneMatch(path -> path.startsWith("/oauth/"));
    }

    @Test
    void theDemoSettingsAreNotLoaded() {
        ConfigurableEnvironment environment = context.getEnvironment();
        assertThat(environment.getPropertySources().stream().map(source -> source.getName()))
                .noneMatch(name -> name.startsWith("demo settings"));
        assertThat(environment.getProperty("gateway.demo.api-key")).isNull();
    }
}
