package io.github.alationgateway.system;

import java.util.Set;
import org.springframework.stereotype.Component;

/** Every caller sees every instance. */
@Component
class UnscopedCallers implements InstanceScope {

    @Override
    public Set<String> visibleInstances() {
        return null;
    }
}
