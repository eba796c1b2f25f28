package com.bazaar.service;

import com.bazaar.auth.UserConfiguration;
import com.bazaar.service.auth.BcryptAuthenticator;
import com.bazaar.service.auth.CountedUnauthorizedHandler;
import com.bazaar.service.auth.RoleAuthorizer;
import com.bazaar.service.auth.User;
import com.bazaar.service.errors.JsonErrorMapper;
import com.bazaar.service.errors.UnexpectedErrorMapper;
import com.bazaar.service.errors.ValidationErrorMapper;
import com.bazaar.service.errors.WebApplicationErrorMapper;
import com.bazaar.service.http.KnownQueryParameters;
import com.bazaar.service.movement.AcceptOutcomeMetrics;
import com.bazaar.service.ratelimit.FailedLogins;
import com.bazaar.service.ratelimit.ForgiveOnSuccess;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.auth.basic.BasicCredentialAuthFilter;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * What every resource stands on: Basic Auth with roles, the check that refuses unknown query parameters, the error mappers (the error body is part of the contract,
 * so the application maps every exception itself) and the acceptance metrics. The application registers exactly
 * these, and so do the resource tests, so that the fast tier cannot drift from production wiring.
 */
public final class JerseyFoundation {
    private JerseyFoundation() {
    }

    public static List<Object> components(List<UserConfiguration> users, CaffeineSpec authCache,
                                          FailedLogins failedLogins, MetricRegistry metrics) {
        var authenticator = new CachingAuthenticator<>(metrics, new BcryptAuthenticator(users), authCache);
        var basicAuth = new BasicCredentialAuthFilter.Builder<User>()
                .setAuthenticator(new ForgiveOnSuccess<>(authenticator, failedLogins))
                .setAuthorizer(new RoleAuthorizer())
                .setRealm("bazaar")
                .setUnauthorizedHandler(new CountedUnauthorizedHandler(metrics.meter("bazaar.service.auth.failures")))
                .buildAuthFilter();
        return List.of(
                new AuthDynamicFeature(basicAuth),
                new RolesAllowedDynamicFeature(),
                new KnownQueryParameters(),
                new AuthValueFactoryProvider.Binder<>(User.class),
                new JsonErrorMapper(),
                new ValidationErrorMapper(),
                new WebApplicationErrorMapper(),
                new UnexpectedErrorMapper(),
                new AcceptOutcomeMetrics(metrics));
    }
}
