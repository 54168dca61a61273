package io.github.alationgateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationProperties;
import io.github.alationgateway.polling.PollProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

/**
 * No container engine runs where the tests run, so what can be checked without one is checked here: that the
 * Dockerfile builds the jar the pom makes and probes a health group that exists, and that compose's services,
 * ports and environment variables are ones the gateway actually binds.
 */
class ContainerFilesTest {

    private final String dockerfile = read("Dockerfile");
    private final Map<String, Object> compose = yaml(read("docker/compose.yaml"));

    @Test
    void theDockerfileBuildsWithTheWrapperOnAJdkAndRunsOnAJre() {
        List<String> stages = lines("FROM ");
        assertThat(stages)
                .containsExactly("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre AS runtime");
        assertThat(dockerfile).contains("./mvnw -B -DskipTests package");
        assertThat(dockerfile).contains("-Djarmode=tools").contains("extract --layers");
        // The AOT cache is trained on the same jar that starts with it.
        assertThat(dockerfile).contains("-XX:AOTCacheOutput=app.aot").contains("\"-XX:AOTCache=app.aot\"");
    }

    @Test
    void everyJarTheDockerfileNamesIsTheOneThePomBuilds() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        String artifactId = pom.getDocumentElement()
                .getElementsByTagName("artifactId")
                .item(1) // the first is the parent's
                .getTextContent();
        String finalName = pom.getElementsByTagName("finalName")
                .item(0)
                .getTextContent()
                .replace("${project.artifactId}", artifactId);
        Matcher jars = Pattern.compile("[\\w.-]+\\.jar\\b").matcher(dockerfile);
        Set<String> named = new HashSet<>();
        while (jars.find()) named.add(jars.group());

        assertThat(named).containsExactly(finalName + ".jar");
    }

    @Test
    void theImageRunsAsAnOrdinaryUserOnPort8080AndProbesReadiness() throws IOException {
        List<String> users = lines("USER ");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).doesNotContain("root").isNotEqualTo("USER 0");
        assertThat(lines("EXPOSE ")).containsExactly("EXPOSE 8080");

        Map<String, Object> defaults = yaml(
                new ClassPathResource("application.yml").getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(at(defaults, "server", "port")).isEqualTo(8080);
        assertThat(lines("HEALTHCHECK "))
                .singleElement()
                .asString()
                .contains("/actuator/health/readiness")
                .contains("${SERVER_PORT:-8080}");
        assertThat(at(defaults, "management", "endpoint", "health", "group", "readiness", "include"))
                .isEqualTo("readinessState,db");
    }

    @Test
    void theBuildContextHoldsWhatTheDockerfileCopies() {
        List<String> ignore = List.of(read(".dockerignore").split("\n"));
        assertThat(ignore).contains("*");
        for (String copy : lines("COPY ")) {
            if (copy.contains("--from=")) continue;
            String[] parts = copy.split("\\s+");
            for (int i = 1; i < parts.length - 1; i++) {
                String source = parts[i];
                assertThat(Path.of(source)).exists();
                assertThat(ignore).as("re-included in .dockerignore").contains("!" + source);
            }
        }
    }

    @Test
    void composeRunsPostgresTwoReplicasAndTheSimulatedAlation() {
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsOnlyKeys("postgres", "gateway-1", "gateway-2", "alation");

        List<String> hostPorts = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object port : list(map(service).get("ports"))) {
                String[] parts = port.toString().split(":");
                assertThat(parts).as(name + " publishes on loopback only").hasSize(3);
                assertThat(parts[0]).isEqualTo("127.0.0.1");
                assertThat(parts[2]).isEqualTo("8080");
                hostPorts.add(parts[1]);
            }
        });
        assertThat(hostPorts).doesNotHaveDuplicates().hasSize(3);

        // A graceful stop takes up to two shutdown phases of 30 s (poller, then web server): docker's 10 s cut it.
        for (String replica : List.of("gateway-1", "gateway-2")) {
            assertThat(map(services.get(replica)).get("stop_grace_period"))
                    .as(replica + " stop_grace_period")
                    .isEqualTo("70s");
        }

        Map<String, Object> alation = map(services.get("alation"));
        assertThat(env(alation)).containsEntry("SPRING_PROFILES_ACTIVE", "demo-alation");
        assertThat(new ClassPathResource("application-demo-alation.yml").exists())
                .isTrue();
    }

    @Test
    void theReplicasEnvironmentBindsToTheGatewaysSettings() {
        Map<String, Object> services = map(compose.get("services"));
        for (String replica : List.of("gateway-1", "gateway-2")) {
            Map<String, String> env = env(map(services.get(replica)));
            Binder binder = binder(env);

            AlationProperties alation =
                    binder.bind("gateway", AlationProperties.class).get();
            assertThat(alation.instances()).containsOnlyKeys("default");
            assertThat(alation.instances().get("default").baseUrl()).isEqualTo(URI.create("http://alation:8080"));
            assertThat(alation.instances().get("default").refreshToken()).isEqualTo("demo-refresh-token");
            assertThat(alation.instances().get("default").userId()).isEqualTo(1L);
            assertThat(alation.instances().get("default").credentialKind())
                    .isEqualTo(AlationProperties.CredentialKind.REFRESH_TOKEN);
            PollProperties poll =
                    binder.bind("gateway.poll", PollProperties.class).get();
            assertThat(poll.interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(binder.bind("spring.datasource.url", String.class).get())
                    .startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(binder.bind("gateway.replica-name", String.class).get()).isEqualTo(replica);
            // A list item's name loses its dash in a variable's name: APIKEYS_0, not API_KEYS_0.
            assertThat(binder.bind("gateway.security.api-keys", Bindable.listOf(ApiKey.class))
                            .get())
                    .containsExactly(new ApiKey("demo", "demo-key", "admin"));
        }
    }

    @Test
    void theSimulatedAlationRegistersAtAReplicaThatExists() {
        Map<String, Object> services = map(compose.get("services"));
        Binder binder = binder(env(map(services.get("alation"))));

        assertThat(binder.bind("gateway.demo.register-jobs", Boolean.class).get())
                .isTrue();
        URI gateway = binder.bind("gateway.demo.gateway-url", URI.class).get();
        assertThat(services).containsKey(gateway.getHost());
        assertThat(gateway.getPort()).isEqualTo(8080);
        assertThat(binder.bind("gateway.demo.api-key", String.class).get()).isEqualTo("demo-key");
    }

    /** The shape of {@code gateway.security.api-keys} items. */
    record ApiKey(String name, String key, String role) {}

    /** Binds as the gateway would from the process environment, with Boot's relaxed names for variables. */
    private static Binder binder(Map<String, String> env) {
        Map<String, Object> source = Map.copyOf(env);
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source)));
    }

    private static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> env = new java.util.TreeMap<>();
        map(service.get("environment")).forEach((key, value) -> env.put(key, String.valueOf(value)));
        return env;
    }

    /** The Dockerfile's instructions of one kind, each with its continuation lines joined. */
    private List<String> lines(String instruction) {
        return dockerfile
                .replace("\\\n", " ")
                .lines()
                .filter(line -> line.startsWith(instruction))
                .toList();
    }

    private static Object at(Map<String, Object> yaml, String... path) {
        Object node = yaml;
        for (String key : path) node = map(node).get(key);
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        return node == null ? List.of() : (List<?>) node;
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml().load(text);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot read " + path + " from " + Path.of("").toAbsolutePath(), e);
        }
    }
}
