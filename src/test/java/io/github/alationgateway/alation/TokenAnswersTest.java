package io.github.alationgateway.alation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAnswersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-30T04:02:35.654663Z|2026-11-30T04:02:35.654663Z",
                "2026-11-30T04:02:35.654663+00:00|2026-11-30T04:02:35.654663Z",
                "2026-11-30 06:02:35.654663+02:00|2026-11-30T04:02:35.654663Z",
                "2026-11-30T04:02:35|2026-11-30T04:02:35Z",
                "2026-11-30 04:02:35.5|2026-11-30T04:02:35.5Z"
            })
    void readsExpiryTimesAsAlationWritesThem(String text, String expected) {
        assertThat(TokenAnswers.instant(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"tomorrow", "1764475355"})
    void anUnreadableExpiryIsUnknown(String text) {
        assertThat(TokenAnswers.instant(text)).isNull();
    }
}
