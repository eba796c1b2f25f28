package com.bazaar.service.auth;

import com.codahale.metrics.Meter;
import io.dropwizard.auth.JSONUnauthorizedHandler;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.Response;

/** The JSON 401 of every failed authentication (missing or wrong credentials), counted on a meter. */
public class CountedUnauthorizedHandler implements UnauthorizedHandler {
    private final UnauthorizedHandler json = new JSONUnauthorizedHandler();
    private final Meter failures;

    public CountedUnauthorizedHandler(Meter failures) {
        this.failures = failures;
    }

    @Override
    public Response buildResponse(String prefix, String realm) {
        failures.mark();
        return json.buildResponse(prefix, realm);
    }
}
