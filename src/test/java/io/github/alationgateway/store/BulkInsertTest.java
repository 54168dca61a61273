package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY's text format: no value, whatever it holds, can end its column or row early, or read as null. */
class BulkInsertTest {

    @Test
    void separatorsAndBackslashesInStringsAreEscaped() {
        assertThat(text("a\tb", "c\nd")).isEqualTo("a\\tb\tc\\nd\n");
        assertThat(text("\r\n", "trailing\\")).isEqualTo("\\r\\n\ttrailing\\\\\n");
        assertThat(text("C:\\temp\\new", "{\"m\":\"x\\ny\"}")).isEqualTo("C:\\\\temp\\\\new\t{\"m\":\"x\\\\ny\"}\n");
    }

    @Test
    void stringsThatSpellCopysMarkersStayStrings() {
        // \N alone would be null, \. alone on a line the end of the data
        assertThat(text("\\N", "\\.")).isEqualTo("\\\\N\t\\\\.\n");
        assertThat(text("x\n\\.\ny", "")).isEqualTo("x\\n\\\\.\\ny\t\n");
    }

    @Test
    void nullIsBackslashNAndAnEmptyStringIsEmpty() {
        assertThat(text(null, "")).isEqualTo("\\N\t\n");
    }

    @Test
    void otherCharactersPassAsTheyAre() {
        // NUL too: PostgreSQL refuses it in text, in a COPY as in an insert
        String hostile = "é ü \u2028 \u202e 😀 \u0007 \u0000 ; ' \" , |";
        assertThat(text(hostile, "end")).isEqualTo(hostile + "\tend\n");
    }

    @Test
    void timestampsAndNumbersAreWrittenAsPostgresReadsThem() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {OffsetDateTime.parse("2026-12-03T13:44:00Z"), 1, 9_000_000_001L});
        rows.add(new Object[] {OffsetDateTime.parse("2026-12-03T13:44:02.000123+02:00"), -1, null});
        assertThat(BulkInsert.copyText(rows))
                .isEqualTo("2026-12-03T13:44:00Z\t1\t9000000001\n2026-12-03T13:44:02.000123+02:00\t-1\t\\N\n");
    }

    @Test
    void aValueOfAnotherTypeIsRefused() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {new Object()});
        assertThatThrownBy(() -> BulkInsert.copyText(rows)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(String first, String second) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {first, second});
        return BulkInsert.copyText(rows);
    }
}
