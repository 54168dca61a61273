package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidThatCarriesItsMillisecond() {
        long at = 1_796_284_800_123L; // 2026-12-03T08:00:00.123Z
        UUID id = UUID.fromString(TimeOrderedIds.next(at));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
    }

    @Test
    void idsSortByTimeAsText() {
        // Across the carries where a hex digit of the timestamp rolls over, and a millisecond apart.
        long[] times = {0xfffL, 0x1000L, 0xffff_ffffL, 0x1_0000_0000L, 1_796_284_800_123L, 1_796_284_800_124L};
        for (int i = 1; i < times.length; i++) {
            for (int n = 0; n < 100; n++) {
                assertThat(TimeOrderedIds.next(times[i - 1]))
                        .as("%x before %x", times[i - 1], times[i])
                        .isLessThan(TimeOrderedIds.next(times[i]));
            }
        }
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) ids.add(TimeOrderedIds.next(1_796_284_800_123L));
        assertThat(ids).hasSize(100_000);
    }
}
