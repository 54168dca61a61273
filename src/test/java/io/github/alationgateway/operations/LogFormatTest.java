package io.github.alationgateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console format of the jar's own settings, in a context with nothing else in it: readable lines that name
 * the job being polled, and ECS JSON one setting away.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatTest {

    private static final Logger log = LoggerFactory.getLogger("io.github.alationgateway.polling.PollLoop");

    @Configuration(proxyBeanMethods = false)
    static class Empty {}

    @Test
    void readableLinesNameTheJobAndInstanceOnlyWhilePolling(CapturedOutput output) {
        logTwoLines();

        assertThat(line(output, "Polled while polling")).contains("[job job-42 prod] ");
        assertThat(line(output, "Logged outside any poll")).doesNotContain("[job");
    }

    @Test
    void oneSettingTurnsLinesIntoEcsJson(CapturedOutput output) {
        logTwoLines("--logging.structured.format.console=ecs");

        JsonNode polled = JsonMapper.builder().build().readTree(line(output, "Polled while polling"));
        assertThat(polled.path("message").asString()).isEqualTo("Polled while polling");
        assertThat(polled.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(polled.path("job_id").asString()).isEqualTo("job-42");
        assertThat(polled.path("instance").asString()).isEqualTo("prod");
        assertThat(polled.path("service").path("name").asString()).isEqualTo("alation-job-gateway");
    }

    /**
     * Boot configures logging once per JVM unless told to forget it: cleaning up before and after makes this
     * context apply its format, and the next context in this JVM apply its own.
     */
    private static void logTwoLines(String... args) {
        LoggingSystem logging = LoggingSystem.get(LogFormatTest.class.getClassLoader());
        logging.cleanUp();
        try (var context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(args)) {
            MDC.put("job_id", "job-42");
            MDC.put("instance", "prod");
            try {
                log.info("Polled while polling");
            } finally {
                MDC.remove("job_id");
                MDC.remove("instance");
            }
            log.info("Logged outside any poll");
        } finally {
            logging.cleanUp();
            // Boot hands the format to Logback as a system property, which would outlive this context.
            System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
        }
    }

    private static String line(CapturedOutput output, String message) {
        return output.getOut()
                .lines()
                .filter(line -> line.contains(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + message + "' in:\n" + output.getOut()));
    }
}
