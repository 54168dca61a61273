package io.github.alationgateway.polling;

/** Tells this replica's poller that a job became due now, so that it does not wait for its next round. */
public interface PollTrigger {

    void jobsDue();
}
