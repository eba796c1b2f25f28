package com.bazaar.service.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The largest request body of the application port (413 beyond it): {@code requestLimits.maxBodySize} for every
 * request but a CSV import's, which may be up to {@code requestLimits.maxImportSize} (a file of 100,000 rows is a few
 * MB). Jetty's own handler twice, the smaller limit skipped for the imports' paths.
 */
public final class BodySizeLimit {
    private BodySizeLimit() {
    }

    /** The outer handler, for every request. */
    public static SizeLimitHandler imports(long maxImportSize) {
        return new SizeLimitHandler(maxImportSize, -1);
    }

    /** The inner handler, for every request but an import. */
    public static SizeLimitHandler others(long maxBodySize) {
        return new SizeLimitHandler(maxBodySize, -1) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (isImport(request)) {
                    return getHandler().handle(request, response, callback);
                }
                return super.handle(request, response, callback);
            }
        };
    }

    static boolean isImport(Request request) {
        return Request.getPathInContext(request).endsWith("/import");
    }
}
