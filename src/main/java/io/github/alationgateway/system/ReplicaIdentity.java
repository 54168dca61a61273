package io.github.alationgateway.system;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name this replica claims leases under. Unique per process start, so that a restarted replica never
 * mistakes a lease of its previous life for its own.
 */
@Component
public class ReplicaIdentity {

    private final String name;

    ReplicaIdentity(@Value("${gateway.replica-name:}") String configured) {
        String base = configured.isBlank()
                ? host() + "-" + ManagementFactory.getRuntimeMXBean().getPid()
                : configured;
        this.name = base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String name() {
        return name;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "gateway";
        }
    }
}
