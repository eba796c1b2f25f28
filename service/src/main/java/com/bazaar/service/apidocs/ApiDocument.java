package com.bazaar.service.apidocs;

import com.bazaar.errors.ErrorResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The OpenAPI 3 document of the application API, read by swagger-core from the JAX-RS resources: their
 * annotations, parameters and return types, plus what {@link AuthAndErrorResponses} derives from their roles.
 */
public record ApiDocument(String json, String yaml) {
    static final String BASIC_AUTH = "basicAuth";
    static final String ERROR = "Error";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    static final String UNAVAILABLE = "ServiceUnavailable";
    static final String UNEXPECTED = "UnexpectedError";

    private static final String DESCRIPTION = """
            The inventory of a chain of stores: a catalog of products and stores, stock movements accepted \
            here (202) and applied asynchronously by a worker through an SQS queue, per-store inventory levels, \
            movement reports and an audit trail.

            * **Authentication**: HTTP Basic on every operation, realm `bazaar`. Roles: `admin` may do \
            everything; `clerk` reads the catalog, inventory and reports and records movements; `auditor` \
            reads everything, audit logs included, and writes nothing. Each operation names the roles it admits.
            * **JSON** in and out, UTF-8, timestamps ISO-8601 with offset. No coercion: `"5"` or `1.5` is not \
            an integer, unknown fields are refused.
            * **Errors** have the shape `{"code": <status>, "message": "...", "errors": [...]}` (`errors` only \
            for validation failures); a 500 is a bug and never carries a stack trace or SQL.
            * **Request ids**: every response has `X-Request-Id` (the client's own, if it sent one).
            * **Rate limits** per client IP (token bucket): responses carry `RateLimit-Limit`, \
            `RateLimit-Remaining` and `RateLimit-Reset`; over the limit, 429 with `Retry-After`.""";

    /** @param resources the application's JAX-RS resource classes */
    public static ApiDocument of(Collection<Class<?>> resources) {
        var config = new SwaggerConfiguration().openAPI(base()).defaultResponseCode("200");
        OpenAPI api = new Reader(config).read(new LinkedHashSet<>(resources));
        var sorted = new Paths();
        api.getPaths().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(path -> sorted.addPathItem(path.getKey(), path.getValue()));
        api.setPaths(sorted);
        try {
            return new ApiDocument(inStableOrder(Json.mapper()).writeValueAsString(api),
                    inStableOrder(Yaml.mapper()).writeValueAsString(api));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the OpenAPI document", e);
        }
    }

    /**
     * Jackson orders some of swagger's model properties as reflection lists their getters, which differs from one
     * JVM run to the next; alphabetical order keeps the served document byte for byte the same as the checked-in copy.
     */
    @SuppressWarnings("deprecation")
    private static ObjectWriter inStableOrder(ObjectMapper swaggerMapper) {
        return swaggerMapper.copy().configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .writerWithDefaultPrettyPrinter();
    }

    private static OpenAPI base() {
        var components = new Components()
                .addSecuritySchemes(BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A user from the service's configuration; its roles decide what it may do"))
                .addResponses(UNAUTHORIZED, error("Missing or wrong credentials")
                        .addHeaderObject("WWW-Authenticate", header("Always `Basic realm=\"bazaar\"`", new StringSchema())))
                .addResponses(FORBIDDEN, error("Authenticated, but the user's roles do not allow this operation"))
                .addResponses(TOO_MANY_REQUESTS, error("Rate limited: too many requests from this client IP")
                        .addHeaderObject("Retry-After", header("Seconds until a request is allowed again", new IntegerSchema())))
                .addResponses(UNAVAILABLE, error("A dependency (the database, or for movements the queue) is down; "
                        + "nothing was recorded. Retry later (with the same Idempotency-Key, for a movement)")
                        .addHeaderObject("Retry-After", header("Seconds to wait before retrying", new IntegerSchema())))
                .addResponses(UNEXPECTED, error("Any other error in the same shape: 405 (method not allowed on the path), "
                        + "406 (a response type other than JSON asked for), 500 (a bug, logged under the response's X-Request-Id)"));
        components.setSchemas(ModelConverters.getInstance().read(ErrorResponse.class));
        return new OpenAPI()
                .info(new Info().title("Bazaar inventory API").version("1").description(DESCRIPTION))
                .components(components);
    }

    /** A response whose body is the error shape; the operations' own 4xx get it through {@link AuthAndErrorResponses}. */
    static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(errorContent());
    }

    static Content errorContent() {
        return new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                new MediaType().schema(new Schema<>().$ref(ERROR)));
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }
}
