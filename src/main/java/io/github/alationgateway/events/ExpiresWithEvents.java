package io.github.alationgateway.events;

import java.time.Instant;

/** Rows that live and die with events (webhook deliveries): deleted before the events they point at. */
public interface ExpiresWithEvents {

    /** Deletes at most {@code limit} rows made before {@code cutoff}; answers how many it deleted. */
    int deleteBefore(Instant cutoff, int limit);
}
