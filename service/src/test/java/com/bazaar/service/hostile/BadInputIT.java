package com.bazaar.service.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.testing.Api;
import com.bazaar.testing.SharedTestStack;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A generated suite of malformed and hostile requests against every endpoint: wrong JSON types in every field,
 * bodies that are not objects, huge and deeply nested bodies, invalid UTF-8, wrong content types, bad path ids
 * and query parameters, malformed credentials, wrong roles and oversized headers. Every answer must be a 4xx
 * with the error shape ({@code code} equal to the status, a {@code message}), never a 5xx, and nothing may be
 * written: the catalog, ledger, levels and audit trail keep their counts and nothing reaches the queue.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final List<String> TABLES = List.of("products", "stores", "stock_movements", "inventory_levels", "audit_logs");

    /** Values that are wrong for every field they are put in (a string field gets the non-strings, and so on). */
    static final List<String> WRONG_FOR_STRINGS = List.of("42", "1.5", "true", "[]", "{}", "[\"a\"]", "{\"a\": 1}",
            "\"\"", "\"   \"", "\"nul\\u0000inside\"", "\"" + "x".repeat(10_000) + "\"");
    static final List<String> WRONG_FOR_INTEGERS = List.of("\"5\"", "1.5", "1e3", "true", "[]", "{}", "\"\"", "0", "-1",
            "99999999999999999999999", "1e400", "NaN", "-0.0", "9223372036854775808");
    static final List<String> WRONG_FOR_TYPES = List.of("\"IN\"", "\"sale\"", "\"\"", "1", "true", "[]", "{}",
            "\"in \"", "\"in\\u0000\"");
    static final List<String> WRONG_FOR_TIMES = List.of("\"yesterday\"", "1732528800", "\"2026-11-25\"",
            "\"2026-11-25T10:00:00\"", "\"2026-13-45T99:00:00Z\"", "true", "[]", "{}", "\"9999-12-31T23:59:59Z\"");
    static final List<String> NOT_OBJECTS = List.of("", "null", "[]", "42", "\"text\"", "true", "{", "{\"name\":}",
            "{\"name\": \"a\",}", "{'name': 'a'}", "{\"name\": \"a\"} {}", "[" .repeat(100_000), "{\"a\":".repeat(50_000),
            "{\"name\": \"a\", \"name\": \"b\"}", "{\"name\": \"a\", \"unknown\": 1}");
    static final List<String> BAD_IDS = List.of("abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "%00", "%20",
            "1%20", "0x10", "%E2%80%8B1", "..%2F..%2Fetc%2Fpasswd");
    static final List<String> BAD_QUERY_VALUES = List.of("abc", "-1", "0", "1.5", "", "%00", "99999999999999999999",
            "1e3", "true", "%27%20OR%201%3D1--", "[]");
    static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/jsonx", "text/json", "*/*");
    static final List<String> BAD_AUTHORIZATIONS = List.of("Basic", "Basic ", "Basic !!!", "Basic YWRtaW4=",
            "Bearer abc", "Basic " + "A".repeat(4000), "Digest username=admin",
            "Basic YWRtaW46d3Jvbmc=", "Basic OmFkbWluLXBhc3M=");

    record Case(String description, HttpRequest.Builder request) {
    }

    @Test
    void everyBadRequestIsA4xxWithTheErrorShapeAndWritesNothing() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        Map<String, Long> before = counts();
        long queued = queued();

        // As an admin, and again as a clerk: the roles that may write something.
        List<Case> cases = new ArrayList<>(cases(APP.getLocalPort(), ServiceTestApp.ADMIN, store, product));
        cases.addAll(cases(APP.getLocalPort(), ServiceTestApp.CLERK, store, product));
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = admin.send(c.request());
            String problem = problem(response);
            if (problem != null) {
                wrong.add(c.description() + ": " + problem);
            }
        }

        assertThat(wrong).as("requests not answered with a 4xx and the error shape").isEmpty();
        assertThat(cases.size()).isGreaterThanOrEqualTo(1000);
        assertThat(counts()).isEqualTo(before);
        assertThat(queued()).isEqualTo(queued);
        System.out.printf("bad input: %d requests, %d passed, %d failed%n", cases.size(), cases.size() - wrong.size(),
                wrong.size());
    }

    private static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return "status " + status + " " + abbreviate(response.body());
        }
        try {
            JsonNode body = Api.json(response);
            if (body.path("code").asInt() != status || !body.path("message").isTextual()) {
                return "status " + status + " without the error shape: " + abbreviate(response.body());
            }
        } catch (RuntimeException e) {
            return "status " + status + " with a body that is not JSON: " + abbreviate(response.body());
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    static List<Case> cases(int port, String user, long store, long product) {
        Api caller = Api.at(port).as(user);
        List<Case> cases = new ArrayList<>();
        Map<String, Map<String, String>> bodies = new LinkedHashMap<>();
        bodies.put("/products", fields("name", "\"Hostile product\"", "sku", "\"HOST-1\""));
        bodies.put("/stores", fields("name", "\"Hostile store\"", "location", "\"Nowhere\""));
        String movements = "/stores/" + store + "/stock-movements";
        bodies.put(movements, fields("productId", String.valueOf(product), "type", "\"in\"", "quantity", "5",
                "reason", "\"delivery\"", "occurredAt", "\"2026-01-01T00:00:00Z\""));

        // Every field of every body, replaced by every value that is wrong for it, or left out when required.
        bodies.forEach((path, valid) -> valid.forEach((field, ok) -> {
            for (String value : wrongValuesFor(field)) {
                Map<String, String> body = new LinkedHashMap<>(valid);
                body.put(field, value);
                cases.add(post(caller, path, json(body), path + " with " + field + "=" + abbreviate(value)));
            }
        }));
        for (String path : List.of("/products", "/stores")) {
            cases.add(post(caller, path, "{}", path + " without name"));
        }
        for (String field : List.of("productId", "type", "quantity")) {
            Map<String, String> body = new LinkedHashMap<>(bodies.get(movements));
            body.remove(field);
            cases.add(post(caller, movements, json(body), movements + " without " + field));
        }
        bodies.forEach((path, valid) -> {
            for (String body : NOT_OBJECTS) {
                cases.add(post(caller, path, body.replace("\"a\"", "\"Hostile " + path.hashCode() + "\""),
                        path + " with body " + abbreviate(body)));
            }
            cases.add(post(caller, path, "{\"name\": \"" + "y".repeat(2_000_000) + "\"}", path + " with a 2 MB body"));
            byte[] invalidUtf8 = "{\"name\": \"bad \u00ff\u00fe utf8\"}".getBytes(StandardCharsets.ISO_8859_1);
            cases.add(new Case(path + " with invalid UTF-8", caller.request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8))));
            for (String type : WRONG_CONTENT_TYPES) {
                cases.add(new Case(path + " as " + type, caller.request(path).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(json(valid)))));
            }
            cases.add(new Case(path + " without a content type", caller.request(path)
                    .POST(HttpRequest.BodyPublishers.ofString(json(valid)))));
            for (String authorization : BAD_AUTHORIZATIONS) {
                cases.add(new Case(path + " with Authorization " + abbreviate(authorization),
                        caller.withAuthorization(authorization).request(path).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json(valid)))));
            }
            cases.add(post(Api.at(port).as(ServiceTestApp.AUDITOR), path, json(valid), path + " as the auditor"));
        });
        for (String key : List.of("", "k".repeat(256), "\t")) {
            cases.add(new Case("movement with Idempotency-Key " + abbreviate(key), caller.request(movements)
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(json(bodies.get(movements))))));
        }
        cases.add(post(caller, "/stores/" + (store + 1_000_000) + "/stock-movements", json(bodies.get(movements)),
                "movement for an unknown store"));
        Map<String, String> unknownProduct = new LinkedHashMap<>(bodies.get(movements));
        unknownProduct.put("productId", String.valueOf(product + 1_000_000));
        cases.add(post(caller, movements, json(unknownProduct), "movement for an unknown product"));
        Map<String, String> future = new LinkedHashMap<>(bodies.get(movements));
        future.put("occurredAt", "\"2999-01-01T00:00:00Z\"");
        cases.add(post(caller, movements, json(future), "movement in the far future"));

        // Path ids.
        for (String id : BAD_IDS) {
            for (String template : List.of("/products/%s", "/products/%s/quantity", "/stores/%s", "/stores/%s/inventory",
                    "/stores/" + store + "/inventory/%s", "/stock-movements/%s")) {
                String path = template.formatted(id);
                cases.add(new Case("GET " + path, caller.request(path).GET()));
            }
            String path = "/stores/" + id + "/stock-movements";
            cases.add(post(caller, path, json(bodies.get(movements)), "POST " + path));
        }
        // Query parameters.
        Map<String, List<String>> queries = Map.of(
                "/stock-movements", List.of("storeId", "productId", "type", "status", "startDate", "endDate", "limit", "offset"),
                "/audit-logs", List.of("entityType", "startDate", "endDate", "limit", "offset"));
        queries.forEach((path, parameters) -> {
            for (String parameter : parameters) {
                for (String value : BAD_QUERY_VALUES) {
                    // An empty limit or offset is taken as absent (Dropwizard's IntParam); offset=0 is valid.
                    if (parameter.matches("limit|offset") && value.isEmpty() || parameter.equals("offset") && value.equals("0")) {
                        continue;
                    }
                    String uri = path + "?" + parameter + "=" + value;
                    cases.add(new Case("GET " + uri, caller.request(uri).GET()));
                }
            }
            cases.add(new Case("GET " + path + " past the window", caller.request(path + "?offset=9999&limit=100").GET()));
            cases.add(new Case("GET " + path + " with dates reversed", caller.request(path
                    + "?startDate=2026-02-01T00:00:00Z&endDate=2026-01-01T00:00:00Z").GET()));
        });
        // Reads with bad credentials, and a clerk asking for the audit trail.
        for (String authorization : BAD_AUTHORIZATIONS) {
            for (String path : List.of("/products", "/stores", "/stock-movements", "/audit-logs",
                    "/stores/" + store + "/inventory")) {
                cases.add(new Case("GET " + path + " with Authorization " + abbreviate(authorization),
                        caller.withAuthorization(authorization).request(path).GET()));
            }
        }
        cases.add(new Case("GET /audit-logs as a clerk", Api.at(port).as(ServiceTestApp.CLERK).request("/audit-logs").GET()));
        // Methods the API does not have.
        for (String path : List.of("/products", "/stores", "/stock-movements", "/audit-logs", movements)) {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                cases.add(new Case(method + " " + path, caller.request(path).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))));
            }
        }
        cases.add(new Case("GET with an 8 kB header", caller.request("/products").header("X-Filler", "f".repeat(16_000)).GET()));
        return cases;
    }

    private static List<String> wrongValuesFor(String field) {
        return switch (field) {
            case "productId", "quantity" -> WRONG_FOR_INTEGERS;
            case "type" -> WRONG_FOR_TYPES;
            case "occurredAt" -> WRONG_FOR_TIMES;
            // An empty or blank reason is allowed; the other wrong strings are not.
            case "reason" -> WRONG_FOR_STRINGS.stream().filter(v -> !v.isBlank() && !v.matches("\"\\s*\"")).toList();
            default -> WRONG_FOR_STRINGS;
        };
    }

    private static Case post(Api api, String path, String body, String description) {
        return new Case(description, api.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String json(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "").append('"').append(name)
                .append("\": ").append(value));
        return json.append('}').toString();
    }

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        DB.useHandle(handle -> TABLES.forEach(table -> counts.put(table,
                handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one())));
        return counts;
    }

    private static long queued() {
        return ServiceTestApp.startStack().queued();
    }
}
