package com.bazaar.service.apidocs;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /openapi.json} and {@code /openapi.yaml}: the document of the resources registered in this application,
 * read once on first request (when every resource is registered). Without authentication: it holds no data.
 */
@Hidden
@Path("/openapi.{type:json|yaml}")
public class OpenApiResource {
    static final MediaType YAML = new MediaType("application", "yaml", "UTF-8");
    private volatile ApiDocument document;

    @GET
    public Response get(@PathParam("type") String type, @Context Application application) {
        ApiDocument api = document(application);
        return "json".equals(type)
                ? Response.ok(api.json(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build()
                : Response.ok(api.yaml(), YAML).build();
    }

    private ApiDocument document(Application application) {
        if (document == null) {
            synchronized (this) {
                if (document == null) {
                    document = ApiDocument.of(Stream.concat(application.getClasses().stream(),
                                    application.getSingletons().stream().map(Object::getClass))
                            .filter(resource -> resource.isAnnotationPresent(Path.class))
                            .collect(Collectors.toList()));
                }
            }
        }
        return document;
    }
}
