package io.github.alationgateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.GatewayApplication;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 is single-node: a second gateway on the same H2 file must refuse to start, and say why. Within one JVM H2
 * would share the open database, so the second gateway is a real second process, as an operator would start it.
 */
class H2SingleReplicaTest {

    @TempDir
    Path dir;

    @Test
    void aSecondGatewayOnTheSameH2FileRefusesToStartAndSaysWhy() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("gateway").toAbsolutePath();
        Path output = dir.resolve("second-gateway.log");
        // GIVEN a process that holds the H2 file open, as a running gateway does
        try (Connection first = DriverManager.getConnection(url, "sa", "")) {
            first.createStatement().execute("create table marker (id int)");

            // WHEN a second gateway starts on the same file
            Process second = new ProcessBuilder(List.of(
                            javaBinary(),
                            "-XX:TieredStopAtLevel=1",
                            "-Xmx256m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            GatewayApplication.class.getName(),
                            "--spring.config.location=classpath:/",
                            "--spring.datasource.url=" + url,
                            "--server.address=127.0.0.1",
                            "--server.port=0",
                            "--gateway.poll.enabled=false",
                            "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean exited = second.waitFor(90, TimeUnit.SECONDS);
            if (!exited) second.destroyForcibly();

            // THEN it exits with an error that names the cause and the way out
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited)
                    .as("the second gateway exited; its output:%n%s", log)
                    .isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(log).contains(H2InUseFailureAnalyzer.DESCRIPTION).contains("PostgreSQL");
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
