package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ids of the extras' statement: padded to a power of two, so that few statement shapes reach the database. */
class JobExtrasTest {

    @Test
    void idsArePaddedToAPowerOfTwoWithTheLastOne() {
        assertThat(JobExtras.padded(List.of("a"))).containsExactly("a");
        assertThat(JobExtras.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(JobExtras.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(JobExtras.padded(List.of("a", "b", "a"))).containsExactly("a", "b");
        assertThat(JobExtras.padded(ids(500))).hasSize(512).endsWith("499", "499");
        assertThat(JobExtras.padded(ids(512))).isEqualTo(ids(512));
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(String::valueOf).toList();
    }
}
