package io.github.alationgateway.waiting;

import io.github.alationgateway.system.Problems;
import java.util.Collection;
import java.util.function.Predicate;

/** Whether a wait on several jobs is over once all of them are there, or once any one is. */
enum WaitMode {
    ALL,
    ANY;

    <T> boolean over(Collection<T> items, Predicate<T> reached) {
        return this == ALL ? items.stream().allMatch(reached) : items.stream().anyMatch(reached);
    }

    /** {@code all} when left out. */
    static WaitMode parse(String value) {
        if (value == null) return ALL;
        for (WaitMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.trim())) return mode;
        }
        throw Problems.badField("mode", "'mode' is 'all' or 'any', got '" + Problems.quote(value) + "'");
    }
}
