package io.github.alationgateway.alation;

import java.util.Set;

/** Asks one configured Alation instance how a job is doing. Implementations never throw for remote faults. */
public interface AlationClient {

    /** The names of the configured instances. */
    Set<String> instances();

    /** One status call, blocking the calling thread for at most the configured request timeout. */
    JobStatusAnswer fetchStatus(String instance, AlationJobRef job);
}
