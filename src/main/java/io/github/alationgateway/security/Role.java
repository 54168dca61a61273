package io.github.alationgateway.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a key may do; each role includes the ones before it. */
enum Role {
    READER,
    WRITER,
    ADMIN;

    /** The Spring Security roles a key of this role holds, e.g. ROLE_READER and ROLE_WRITER for a writer. */
    List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values())
                .filter(role -> role.ordinal() <= ordinal())
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
