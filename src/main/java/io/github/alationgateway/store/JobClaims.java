package io.github.alationgateway.store;

import java.time.Instant;
import java.util.List;

/**
 * Takes the lease of due jobs for one replica. A claim moves {@code next_poll_at} to the end of the lease, so a
 * job whose replica dies simply becomes due again when the lease runs out: no reaper is needed.
 */
public interface JobClaims {

    List<ClaimedJob> claimDue(String owner, Instant now, Instant leaseUntil, int limit);
}
