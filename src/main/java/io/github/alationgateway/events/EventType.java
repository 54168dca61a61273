package io.github.alationgateway.events;

import java.util.Optional;

/** The kinds of event, by their names on the wire. Each happens at most once per job. */
public enum EventType {
    REGISTERED("job.registered"),
    RUNNING("job.running"),
    ENDED("job.ended"),
    /** A root job's chain_status became final: the job and its follow-ups are done for good. */
    CHAIN_ENDED("job.chain_ended");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> parse(String wire) {
        for (EventType type : values()) {
            if (type.wire.equals(wire)) return Optional.of(type);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
