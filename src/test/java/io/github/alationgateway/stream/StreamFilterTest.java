package io.github.alationgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.events.EventType;
import io.github.alationgateway.events.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events a stream gets: every filter narrows, and the key's instances bound them all. */
class StreamFilterTest {

    private static final FeedEvent ENDED = new FeedEvent(
            7, EventType.ENDED, "job-1", "prod", "DOCUMENT_POST", Map.of("team", "finance", "env", "eu"), new byte[0]);

    private static StreamFilter filter(
            Set<EventType> types,
            String instance,
            String kind,
            Map<String, String> labels,
            Set<String> jobs,
            Set<String> visible) {
        return new StreamFilter(types, instance, kind, labels, jobs, visible);
    }

    @Test
    void noFilterMatchesEverythingTheKeyMaySee() {
        assertThat(filter(Set.of(), null, null, Map.of(), Set.of(), null).matches(ENDED))
                .isTrue();
        assertThat(filter(Set.of(), null, null, Map.of(), Set.of(), Set.of("prod"))
                        .matches(ENDED))
                .isTrue();
        assertThat(filter(Set.of(), null, null, Map.of(), Set.of(), Set.of("test"))
                        .matches(ENDED))
                .isFalse();
    }

    @Test
    void eachFilterNarrows() {
        assertThat(filter(Set.of(EventType.RUNNING), null, null, Map.of(), Set.of(), null)
                        .matches(ENDED))
                .isFalse();
        assertThat(filter(Set.of(EventType.RUNNING, EventType.ENDED), null, null, Map.of(), Set.of(), null)
                        .matches(ENDED))
                .isTrue();
        assertThat(filter(Set.of(), "test", null, Map.of(), Set.of(), null).matches(ENDED))
                .isFalse();
        assertThat(filter(Set.of(), null, "GENERIC", Map.of(), Set.of(), null).matches(ENDED))
                .isFalse();
        assertThat(filter(Set.of(), null, "DOCUMENT_POST", Map.of(), Set.of("job-2"), null)
                        .matches(ENDED))
                .isFalse();
        assertThat(filter(Set.of(), "prod", "DOCUMENT_POST", Map.of(), Set.of("job-1", "job-2"), null)
                        .matches(ENDED))
                .isTrue();
    }

    @Test
    void everyLabelFilterMustMatch() {
        assertThat(filter(Set.of(), null, null, Map.of("team", "finance"), Set.of(), null)
                        .matches(ENDED))
                .isTrue();
        assertThat(filter(Set.of(), null, null, Map.of("team", "finance", "env", "us"), Set.of(), null)
                        .matches(ENDED))
                .isFalse();
        assertThat(filter(Set.of(), null, null, Map.of("owner", "x"), Set.of(), null)
                        .matches(ENDED))
                .isFalse();
    }

    @Test
    void aFrameCarriesIdTypeAndOneLineOfData() {
        var stored = new StoredEvent(
                42, "e-1", EventType.ENDED, "job-1", Instant.parse("2026-12-02T10:00:00Z"), "{\"id\":\"job-1\"}");

        String frame = new String(FeedEvent.frame(stored), StandardCharsets.UTF_8);

        assertThat(frame)
                .isEqualTo("id: 42\nevent: job.ended\ndata: {\"id\":\"e-1\",\"seq\":42,\"type\":\"job.ended\","
                        + "\"at\":\"2026-12-02T10:00:00Z\",\"data\":{\"id\":\"job-1\"}}\n\n");
    }
}
