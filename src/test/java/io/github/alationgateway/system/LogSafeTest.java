package io.github.alationgateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void plainTextIsLeftAsItIs() {
        assertThat(LogSafe.of("MetadataExtraction#42 on 'prod' – café"))
                .isEqualTo("MetadataExtraction#42 on 'prod' – café");
        assertThat(LogSafe.of(null)).isEqualTo("null");
        assertThat(LogSafe.of(42L)).isEqualTo("42");
    }

    /** A newline in a job name used to start a line of its own in the log, which could pass for the gateway's. */
    @Test
    void controlCharactersAreEscapedSoNoValueCanForgeALine() {
        String forged = "job\r\n2026-01-01 INFO Registered admin\u0000\u001b[31m\t\u0085";

        String safe = LogSafe.of(forged);

        assertThat(safe).isEqualTo("job\\r\\n2026-01-01 INFO Registered admin\\u0000\\u001b[31m\\t\\u0085");
        assertThat(safe.chars()).noneMatch(Character::isISOControl);
    }

    @Test
    void lineSeparatorsAndBidiOverridesAreEscapedToo() {
        assertThat(LogSafe.of("a\u2028b\u2029c\u202Ed\u2066e")).isEqualTo("a\\u2028b\\u2029c\\u202ed\\u2066e");
    }

    @Test
    void aLongValueIsCutAndSaysSo() {
        String safe = LogSafe.of("x".repeat(10_000));

        assertThat(safe).hasSize(LogSafe.MAX + 1).endsWith("x…");
    }
}
