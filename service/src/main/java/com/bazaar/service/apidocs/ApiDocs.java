package com.bazaar.service.apidocs;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The API's description on the application port, open to everyone: the OpenAPI document at
 * {@code /openapi.json} and {@code /openapi.yaml}, and Swagger UI (from its webjar) reading it at {@code /docs/}.
 */
public final class ApiDocs {
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";

    private ApiDocs() {
    }

    public static void register(Environment environment) {
        environment.jersey().register(new OpenApiResource());
        environment.servlets().addServlet("swagger-ui-folder", new ToFolder()).addMapping("/docs");
        environment.servlets().addServlet("swagger-ui",
                        new AssetServlet(WEBJAR + swaggerUiVersion(), "/docs", "index.html", StandardCharsets.UTF_8))
                .addMapping("/docs/*");
        // The webjar's initializer opens the Petstore example; ours opens this API's document.
        environment.servlets().addServlet("swagger-ui-initializer",
                        new AssetServlet("/apidocs", "/docs", null, StandardCharsets.UTF_8))
                .addMapping("/docs/swagger-initializer.js");
    }

    /** The page's assets are relative to it: served at {@code /docs} they would be looked for at the root. */
    private static final class ToFolder extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendRedirect("/docs/");
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
