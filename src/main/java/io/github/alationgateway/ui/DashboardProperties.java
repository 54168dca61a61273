package io.github.alationgateway.ui;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.dashboard.*}: the pages at {@code /ui/}.
 *
 * @param sessionTimeout a signed-in browser is signed out after this long without a request
 * @param refreshEvery how often open pages fetch what changed, where they cannot follow the event stream
 * @param demoKey the demo's key, with which the sign-in page signs in by itself; set only by the demo profile
 */
@ConfigurationProperties("gateway.dashboard")
record DashboardProperties(
        @DefaultValue("30m") Duration sessionTimeout,
        @DefaultValue("5s") Duration refreshEvery,
        String demoKey) {

    DashboardProperties {
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("gateway.dashboard.session-timeout must be positive, e.g. 30m");
        }
        if (refreshEvery.toMillis() < 500) {
            throw new IllegalArgumentException("gateway.dashboard.refresh-every must be at least 500ms");
        }
    }

    @Override
    public String toString() {
        return "DashboardProperties[sessionTimeout=" + sessionTimeout + ", refreshEvery=" + refreshEvery + ", demoKey="
                + (demoKey == null ? "none" : "******") + "]";
    }
}
