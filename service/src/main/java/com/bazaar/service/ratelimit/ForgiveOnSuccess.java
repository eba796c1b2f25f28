package com.bazaar.service.ratelimit;

import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.security.Principal;
import java.util.Optional;

/**
 * Tells {@link FailedLogins} of each correct password. Only the authenticator knows: a request can pass the
 * login throttle's filter without a 401 and without its password ever being checked (an unknown path is a 404).
 */
public class ForgiveOnSuccess<P extends Principal> implements Authenticator<BasicCredentials, P> {
    private final Authenticator<BasicCredentials, P> authenticator;
    private final FailedLogins failedLogins;

    public ForgiveOnSuccess(Authenticator<BasicCredentials, P> authenticator, FailedLogins failedLogins) {
        this.authenticator = authenticator;
        this.failedLogins = failedLogins;
    }

    @Override
    public Optional<P> authenticate(BasicCredentials credentials) throws AuthenticationException {
        Optional<P> principal = authenticator.authenticate(credentials);
        if (principal.isPresent()) {
            failedLogins.succeeded(credentials.getUsername());
        }
        return principal;
    }
}
