package io.github.alationgateway.security;

import io.github.alationgateway.system.InstanceScope;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The current request's API key decides which Alation instances it sees. */
@Component
class KeyScopedCallers implements InstanceScope {

    @Override
    public Set<String> visibleInstances() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication key)
            return key.caller().instances();
        // No key, no jobs: a code path that forgot to authenticate must not see everything.
        return Set.of();
    }
}
