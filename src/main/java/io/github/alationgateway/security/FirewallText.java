package io.github.alationgateway.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters {@link StrictHttpFirewall} allows in header names, header values and parameter names, checked by a
 * loop instead of the regular expressions it matches them with. The firewall checks every header a filter or
 * Spring MVC reads, each time it is read (about ten per API call); its expressions were ~1.6 % of a liveness probe.
 * The rules are Spring Security's own: every character assigned in Unicode and not a control character, a tab
 * also allowed in values.
 */
final class FirewallText {

    private FirewallText() {}

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names. */
    static boolean isName(String text) {
        return allowed(text, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values. */
    static boolean isHeaderValue(String text) {
        return allowed(text, true);
    }

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallText::isName);
        firewall.setAllowedHeaderValues(FirewallText::isHeaderValue);
        firewall.setAllowedParameterNames(FirewallText::isName);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            // Like the expressions, by code point: a surrogate pair is one character, a lone surrogate one too.
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED) return false;
            if (type == Character.CONTROL && !(tab && codePoint == '\t')) return false;
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
