package io.github.alationgateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Lets the demo profiles' settings win over the operator's {@code ./application.yml}. Boot ranks a file outside
 * the jar above a profile's file inside it, so a newcomer running the demo from the project root would otherwise
 * get the operator's database and Alation address instead of the demo's. Environment variables and command-line
 * arguments still win over the demo's settings. Does nothing unless a demo profile is active.
 */
class DemoSettingsFirst implements EnvironmentPostProcessor, Ordered {

    private static final List<String> PROFILES = List.of("demo", "demo-alation");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (String profile : PROFILES) {
            if (!List.of(environment.getActiveProfiles()).contains(profile)) continue;
            var resource = new ClassPathResource("application-" + profile + ".yml");
            try {
                List<PropertySource<?>> sources =
                        new YamlPropertySourceLoader().load("demo settings (" + resource.getPath() + ")", resource);
                // Below system properties and environment variables, above every configuration file.
                for (int i = sources.size() - 1; i >= 0; i--) {
                    environment
                            .getPropertySources()
                            .addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, sources.get(i));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource.getPath(), e);
            }
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
