package com.bazaar.service.apidocs;

import com.bazaar.auth.RoleNames;
import com.bazaar.service.auth.Roles;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import com.fasterxml.jackson.annotation.JsonView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every operation of the application port shares, documented from the code that decides it rather than
 * repeated on each method: Basic Auth and the roles from {@code @RolesAllowed} (with 401, and 403 unless every
 * role is admitted), the rate limit's 429, the 503 of a dependency that is down, and the error shape on every
 * error response. {@code @Auth} parameters are the caller, not part of the request. Loaded by swagger through
 * META-INF/services.
 */
public class AuthAndErrorResponses extends AbstractOpenAPIExtension {
    private static final Set<String> ALL_ROLES = Set.of(RoleNames.PATTERN.split("\\|"));

    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes, Consumes methodConsumes,
                                               boolean includeRequestBody, JsonView jsonViewAnnotation,
                                               Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(Auth.class::isInstance)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }

    @Override
    public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
        RolesAllowed rolesAllowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class) : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        ApiResponses responses = operation.getResponses();
        if (rolesAllowed != null) {
            Set<String> admitted = new LinkedHashSet<>(List.of(Roles.ADMIN));
            admitted.addAll(Arrays.asList(rolesAllowed.value()));
            operation.addSecurityItem(new SecurityRequirement().addList(ApiDocument.BASIC_AUTH));
            String roles = "Roles: " + String.join(", ", admitted) + ".";
            operation.setDescription(operation.getDescription() == null ? roles : operation.getDescription() + "\n\n" + roles);
            responses.addApiResponse("401", shared(ApiDocument.UNAUTHORIZED));
            if (!admitted.containsAll(ALL_ROLES)) {
                responses.addApiResponse("403", shared(ApiDocument.FORBIDDEN));
            }
        }
        responses.addApiResponse("429", shared(ApiDocument.TOO_MANY_REQUESTS));
        responses.putIfAbsent("503", shared(ApiDocument.UNAVAILABLE));
        responses.addApiResponse(ApiResponses.DEFAULT, shared(ApiDocument.UNEXPECTED));
        responses.forEach((status, response) -> {
            if (isError(status) && response.get$ref() == null && response.getContent() == null) {
                response.setContent(ApiDocument.errorContent());
            }
        });
        operation.setResponses(sorted(responses));
        super.decorateOperation(operation, method, chain);
    }

    private static ApiResponse shared(String name) {
        return new ApiResponse().$ref(name);
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    /** By status, then {@code default}: the order a reader scans them in. */
    private static ApiResponses sorted(ApiResponses responses) {
        List<Map.Entry<String, ApiResponse>> entries = new ArrayList<>(responses.entrySet());
        entries.sort(Comparator.comparing(entry -> entry.getKey().equals(ApiResponses.DEFAULT) ? "9" : entry.getKey()));
        var sorted = new ApiResponses();
        entries.forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
