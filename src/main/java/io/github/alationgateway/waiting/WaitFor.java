package io.github.alationgateway.waiting;

import io.github.alationgateway.store.JobStore.ChainProgress;
import io.github.alationgateway.system.Problems;
import java.util.Arrays;
import java.util.Locale;

/** What a waiting client waits for: each job to end, or each job's whole chain (it and its follow-ups). */
public enum WaitFor {
    JOB,
    CHAIN;

    boolean reached(ChainProgress progress) {
        return this == JOB ? progress.status().isFinal() : progress.chainFinal();
    }

    /** {@code job} when left out. */
    public static WaitFor parse(String field, String value) {
        if (value == null) return JOB;
        for (WaitFor target : values()) {
            if (target.name().equalsIgnoreCase(value.trim())) return target;
        }
        throw Problems.badField(
                field,
                "'" + field + "' is one of "
                        + Arrays.stream(values())
                                .map(v -> v.name().toLowerCase(Locale.ROOT))
                                .toList()
                        + ", got '" + Problems.quote(value) + "'");
    }
}
