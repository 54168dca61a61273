package io.github.alationgateway.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for new rows (jobs, events): UUIDs of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds
 * and the other 74 random. A random (version 4) id puts its row at a random place in every index that leads with
 * it: the job's primary key, its labels' and its log lines' indexes, and an event's unique id. Each registration
 * then dirtied a different leaf page in each, which H2 writes out whole, and read pages that had fallen out of its
 * cache as the tables grew. Ids that rise with time land beside the last ones. Their text sorts by time too: the
 * timestamp leads, in fixed-width lowercase hex.
 *
 * <p>The random part comes from a {@link SecureRandom}, as {@link UUID#randomUUID()}'s does: 74 bits are still
 * not guessable. An id tells the millisecond its row was made, which the row itself shows anyway.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    public static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000_0000_0000_0000L | (random[2] & 0x3fL) << 56;
        for (int i = 3; i < 10; i++) low |= (random[i] & 0xffL) << (8 * (9 - i));
        return new UUID(high, low).toString();
    }
}
