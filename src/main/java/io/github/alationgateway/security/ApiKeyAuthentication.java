package io.github.alationgateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated API key. Its name is the principal's name, which registration records as registered_by. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    ApiKeyAuthentication(Caller caller) {
        super(caller.role().authorities());
        this.caller = caller;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getPrincipal() {
        return caller.name();
    }

    @Override
    public String getName() {
        return caller.name();
    }

    /** The key is gone once checked: nothing downstream can echo it. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
