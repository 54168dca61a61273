package io.github.alationgateway.system;

import java.util.Set;

/** Which Alation instances the current caller may see. */
public interface InstanceScope {

    /** The instances visible to the caller, or null when the caller sees every instance. */
    Set<String> visibleInstances();

    default boolean canSee(String instance) {
        Set<String> visible = visibleInstances();
        return visible == null || visible.contains(instance);
    }
}
