package com.bazaar.service.http;

import com.bazaar.errors.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Unknown query parameters are a 400 naming them, as unknown body fields are: a typo such as {@code storeid}
 * would otherwise be ignored and answer unfiltered data. Each resource method takes the names of its own
 * {@code @QueryParam}s; the check runs after authentication, so an anonymous request still gets its 401.
 */
public class KnownQueryParameters implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        context.register(new Check(names(resource.getResourceMethod())));
    }

    /** The request's parameter names that the method does not take, sorted; empty when all are known. */
    static List<String> unknown(Set<String> known, Collection<String> given) {
        return given.stream().filter(name -> !known.contains(name)).sorted().distinct().toList();
    }

    static String message(Set<String> known, List<String> unknown) {
        String names = unknown.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        String accepted = known.isEmpty() ? "this path takes none" : "this path takes " + String.join(", ", new TreeSet<>(known));
        return (unknown.size() == 1 ? "Unknown query parameter " : "Unknown query parameters ") + names + "; " + accepted;
    }

    private static Set<String> names(Method method) {
        return Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                .filter(QueryParam.class::isInstance).map(annotation -> ((QueryParam) annotation).value())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Priority(Priorities.USER)
    private record Check(Set<String> known) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            List<String> unknown = unknown(known, request.getUriInfo().getQueryParameters().keySet());
            if (!unknown.isEmpty()) {
                request.abortWith(ErrorResponse.builder(400, message(known, unknown)).build());
            }
        }
    }
}
