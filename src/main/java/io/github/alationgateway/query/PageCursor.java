package io.github.alationgateway.query;

import io.github.alationgateway.store.JobQuery;
import io.github.alationgateway.system.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The opaque cursor of the job list: the keyset position of the last job of a page. The dashboard pages too. */
public final class PageCursor {

    private PageCursor() {}

    public static String encode(JobQuery.Position position) {
        String plain = position.registeredAt().getEpochSecond() + "."
                + position.registeredAt().getNano() + "." + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static JobQuery.Position decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", 3);
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (parts[2].isEmpty() || parts[2].length() > 36) throw new IllegalArgumentException();
            return new JobQuery.Position(at, parts[2]);
        } catch (RuntimeException e) {
            throw Problems.badField("cursor", "'cursor' is not a cursor this gateway gave out; use next_cursor as is");
        }
    }
}
