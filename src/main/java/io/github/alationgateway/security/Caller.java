package io.github.alationgateway.security;

import java.util.Set;

/**
 * A configured API key as the gateway keeps it in memory: the SHA-256 of the key, never the key itself.
 *
 * @param instances the Alation instances the key may see, or null for all of them
 */
record Caller(String name, Role role, Set<String> instances, byte[] keyDigest) {

    @Override
    public String toString() {
        return "Caller[name=" + name + ", role=" + role.wire() + ", instances="
                + (instances == null ? "all" : instances) + "]";
    }
}
