package com.bazaar.service.apidocs;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.RestartableStack;
import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document against the contract (../shared/CONTRACT.md) and against the running service: every
 * endpoint the contract names is documented (or listed below as not built yet, and then really absent), the
 * document names no endpoint the contract does not, and every status documented for an operation is one the
 * service really answers: the test provokes each one (401 without credentials, 403 with a role it does not admit,
 * 429 on a service with a bucket of one token, 503 on a service whose database is stopped, the operation's own
 * 2xx, 400, 404, 409 and 415 with requests made for them).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContractEndpointsIT {
    /** The contract as the repository holds it; where the planners' copy is beside the clone, the two must be equal. */
    static final Path CONTRACT = Path.of("..", "docs", "CONTRACT.md").toAbsolutePath().normalize();
    static final Path SHARED_CONTRACT = Path.of("..", "..", "shared", "CONTRACT.md").toAbsolutePath().normalize();
    /**
     * Endpoints the contract names that are not built yet: each must be undocumented and really absent (404 or 405).
     * This list only shrinks: an endpoint leaves it in the change that builds it.
     */
    static final Set<String> NOT_YET_BUILT = Set.of();
    static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`?\\s]*)");
    static final long MISSING_ID = 999_999_999L;

    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    static long store;
    static long otherStore;
    static UUID transfer;
    static long product;
    static String productName;
    static UUID movement;
    static UUID reservation;
    static String webhook;
    static String movementImport;

    record Call(String method, String path, String body, String contentType, List<String> headers) {
        Call(String method, String path, String body, String contentType) {
            this(method, path, body, contentType, List.of());
        }

        static Call get(String path) {
            return new Call("GET", path, null, null);
        }

        static Call post(String path, String body) {
            return new Call("POST", path, body, "application/json");
        }

        static Call patch(String path, String body) {
            return new Call("PATCH", path, body, "application/json");
        }

        Call as(String type) {
            return new Call(method, path, body, type, headers);
        }

        Call with(String header, String value) {
            return new Call(method, path, body, contentType,
                    java.util.stream.Stream.concat(headers.stream(), java.util.stream.Stream.of(header, value)).toList());
        }

        HttpResponse<String> send(Api api) {
            HttpRequest.Builder request = api.request(path);
            if (!headers.isEmpty()) {
                request.headers(headers.toArray(String[]::new));
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            return api.send(request);
        }
    }

    @BeforeAll
    static void seed() {
        Api admin = admin(APP);
        store = admin.newStore();
        productName = "Product " + UUID.randomUUID();
        product = json(admin.post("/products", "{\"name\": \"" + productName + "\"}")).get("productId").asLong();
        otherStore = admin.newStore();
        movement = UUID.randomUUID();
        transfer = UUID.randomUUID();
        ServiceTestApp.database().useHandle(h -> h.createUpdate("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor,
                                             source, occurred_at, applied_at)
                VALUES (:id, :store, :product, 'in', 1, 1, 'applied', 'seed', 'api', :at, :at)""")
                .bind("id", movement).bind("store", store).bind("product", product).bind("at", Instant.now()).execute());
        webhook = newWebhook();
        HttpResponse<String> imported = admin.post("/stores/" + store + "/stock-movements/import",
                "productId,quantity\n" + product + ",1\n", "text/csv");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
        movementImport = java.net.URI.create(imported.headers().firstValue("Location").orElseThrow()).getPath();
        reservation = UUID.randomUUID();
        ServiceTestApp.database().useHandle(h -> h.createUpdate("""
                INSERT INTO reservations (id, store_id, product_id, quantity, status, expires_at, created_at, applied_at,
                                          rejection_reason, actor, source)
                VALUES (:id, :store, :product, 1, 'rejected', :at, :at, :at, 'seed', 'seed', 'api')""")
                .bind("id", reservation).bind("store", store).bind("product", product).bind("at", Instant.now()).execute());
        ServiceTestApp.database().useHandle(h -> h.createUpdate("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, rejection_reason,
                                             actor, source, occurred_at, transfer_id)
                VALUES (:out, :store, :product, 'transfer_out', 5, -5, 'rejected', 'seed', 'seed', 'api', :at, :transfer),
                       (:in, :other, :product, 'transfer_in', 5, 5, 'rejected', 'seed', 'seed', 'api', :at, :transfer)""")
                .bind("out", UUID.randomUUID()).bind("in", UUID.randomUUID()).bind("store", store).bind("other", otherStore)
                .bind("product", product).bind("transfer", transfer).bind("at", Instant.now()).execute());
    }

    /** A public address as a literal: the test resolves no name. */
    static final String WEBHOOK_BODY = "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"inventory.changed\"]}";

    static String newWebhook() {
        return json(admin(APP).post("/webhooks", WEBHOOK_BODY)).get("id").asText();
    }

    static Api admin(DropwizardAppExtension<ServiceConfiguration> app) {
        return Api.at(app.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    /** The requests that get each status of an operation other than 401, 403, 429 and 503; the 2xx one is valid. */
    static Map<String, Call> requests(String operation) {
        String unique = "{\"name\": \"Name " + UUID.randomUUID() + "\"}";
        String movementBody = Movements.in(product, 1).body();
        return switch (operation) {
            case "GET /audit-logs" -> Map.of("200", Call.get("/audit-logs"), "400", Call.get("/audit-logs?limit=0"));
            case "GET /audit-logs/verify" -> Map.of("200", Call.get("/audit-logs/verify"));
            case "GET /products" -> Map.of("200", Call.get("/products"));
            case "POST /products" -> Map.of("201", Call.post("/products", unique),
                    "400", Call.post("/products", "{\"name\": 42}"),
                    "409", Call.post("/products", "{\"name\": \"" + productName.toUpperCase() + "\"}"),
                    "415", Call.post("/products", unique).as("text/plain"));
            case "GET /products/{}" -> notModified(byId("/products/%s", product), "/products/" + product);
            case "PATCH /products/{}" -> Map.of("200", Call.patch("/products/" + product, "{\"sku\": null}"),
                    "400", Call.patch("/products/" + product, "{}"),
                    "404", Call.patch("/products/" + MISSING_ID, "{\"sku\": null}"),
                    "409", Call.patch("/products/" + product, "{\"name\": \"" + json(admin(APP).get("/products/" + other("/products")))
                            .get("name").asText().toUpperCase() + "\"}"),
                    "412", Call.patch("/products/" + product, "{\"sku\": null}").with("If-Match", "\"0\""),
                    "415", Call.patch("/products/" + product, "{\"sku\": null}").as("text/plain"));
            case "GET /products/{}/quantity" -> byId("/products/%s/quantity", product);
            case "GET /stock-movements" -> Map.of("200", Call.get("/stock-movements"),
                    "400", Call.get("/stock-movements?type=sideways"));
            case "GET /stock-movements/{}" -> Map.of("200", Call.get("/stock-movements/" + movement),
                    "400", Call.get("/stock-movements/not-a-uuid"), "404", Call.get("/stock-movements/" + UUID.randomUUID()));
            case "GET /stores" -> Map.of("200", Call.get("/stores"));
            case "POST /stores" -> Map.of("201", Call.post("/stores", unique),
                    "400", Call.post("/stores", "{\"name\": \"\"}"),
                    "409", Call.post("/stores", "{\"name\": \"" + json(admin(APP).get("/stores/" + store)).get("name").asText() + "\"}"),
                    "415", Call.post("/stores", unique).as("text/plain"));
            case "GET /stores/{}" -> notModified(byId("/stores/%s", store), "/stores/" + store);
            case "PATCH /stores/{}" -> Map.of("200", Call.patch("/stores/" + store, "{\"location\": null}"),
                    "400", Call.patch("/stores/" + store, "{\"location\": 5}"),
                    "404", Call.patch("/stores/" + MISSING_ID, "{\"location\": null}"),
                    "409", Call.patch("/stores/" + store, "{\"name\": \"" + json(admin(APP).get("/stores/" + other("/stores")))
                            .get("name").asText().toLowerCase() + "\"}"),
                    "412", Call.patch("/stores/" + store, "{\"location\": null}").with("If-Match", "\"0\""),
                    "415", Call.patch("/stores/" + store, "{\"location\": null}").as("text/plain"));
            case "POST /stores/{}/stock-movements" -> Map.of("202", Call.post("/stores/" + store + "/stock-movements", movementBody),
                    "400", Call.post("/stores/" + store + "/stock-movements", movementBody.replace("\"quantity\": 1", "\"quantity\": 0")),
                    "404", Call.post("/stores/" + MISSING_ID + "/stock-movements", movementBody),
                    "415", Call.post("/stores/" + store + "/stock-movements", movementBody).as("text/plain"));
            case "POST /stock-movements" -> Map.of("202", Call.post("/stock-movements", movementBody),
                    "400", Call.post("/stock-movements", movementBody.replace("\"quantity\": 1", "\"quantity\": 0")),
                    "404", Call.post("/stock-movements", Movements.in(MISSING_ID, 1).body()),
                    "415", Call.post("/stock-movements", movementBody).as("text/plain"));
            case "POST /stores/{}/stock-movements/batch" -> Map.of(
                    "202", Call.post("/stores/" + store + "/stock-movements/batch", "{\"movements\": [" + movementBody + "]}"),
                    "400", Call.post("/stores/" + store + "/stock-movements/batch", "{\"movements\": []}"),
                    "404", Call.post("/stores/" + MISSING_ID + "/stock-movements/batch", "{\"movements\": [" + movementBody + "]}"),
                    "415", Call.post("/stores/" + store + "/stock-movements/batch", "{\"movements\": [" + movementBody + "]}")
                            .as("text/plain"));
            case "PUT /stores/{}/inventory/{}/threshold" -> Map.of(
                    "200", new Call("PUT", "/stores/" + store + "/inventory/" + product + "/threshold", "{\"lowStockThreshold\": 2}", "application/json"),
                    "400", new Call("PUT", "/stores/" + store + "/inventory/" + product + "/threshold", "{}", "application/json"),
                    "404", new Call("PUT", "/stores/" + store + "/inventory/" + MISSING_ID + "/threshold", "{\"lowStockThreshold\": 2}", "application/json"),
                    "415", new Call("PUT", "/stores/" + store + "/inventory/" + product + "/threshold", "{\"lowStockThreshold\": 2}", "text/plain"));
            case "GET /stores/{}/inventory" -> byId("/stores/%s/inventory", store);
            case "POST /transfers" -> {
                String body = "{\"fromStoreId\": %d, \"toStoreId\": %d, \"productId\": " + product + ", \"quantity\": 1}";
                yield Map.of("202", Call.post("/transfers", body.formatted(store, otherStore)),
                        "400", Call.post("/transfers", body.formatted(store, store)),
                        "404", Call.post("/transfers", body.formatted(store, MISSING_ID)),
                        "415", Call.post("/transfers", body.formatted(store, otherStore)).as("text/plain"));
            }
            case "POST /stores/{}/reservations" -> {
                String body = "{\"productId\": " + product + ", \"quantity\": %d}";
                yield Map.of("202", Call.post("/stores/" + store + "/reservations", body.formatted(1)),
                        "400", Call.post("/stores/" + store + "/reservations", body.formatted(0)),
                        "404", Call.post("/stores/" + MISSING_ID + "/reservations", body.formatted(1)),
                        "415", Call.post("/stores/" + store + "/reservations", body.formatted(1)).as("text/plain"));
            }
            case "GET /stores/{}/reservations" -> Map.of("200", Call.get("/stores/" + store + "/reservations"),
                    "400", Call.get("/stores/" + store + "/reservations?status=sideways"),
                    "404", Call.get("/stores/" + MISSING_ID + "/reservations"));
            case "GET /reservations/{}" -> Map.of("200", Call.get("/reservations/" + reservation),
                    "400", Call.get("/reservations/not-a-uuid"), "404", Call.get("/reservations/" + UUID.randomUUID()));
            case "POST /reservations/{}/release" -> Map.of(
                    "202", new Call("POST", "/reservations/" + reservation + "/release", null, null),
                    "400", new Call("POST", "/reservations/not-a-uuid/release", null, null),
                    "404", new Call("POST", "/reservations/" + UUID.randomUUID() + "/release", null, null));
            case "GET /inventory-changes" -> Map.of("200", Call.get("/inventory-changes?limit=5"),
                    "400", Call.get("/inventory-changes?after=nonsense"));
            case "GET /transfers/{}" -> Map.of("200", Call.get("/transfers/" + transfer),
                    "400", Call.get("/transfers/not-a-uuid"), "404", Call.get("/transfers/" + UUID.randomUUID()));
            case "GET /stores/{}/inventory/{}" -> Map.of("200", Call.get("/stores/" + store + "/inventory/" + product),
                    "400", Call.get("/stores/" + store + "/inventory/0"),
                    "404", Call.get("/stores/" + store + "/inventory/" + MISSING_ID));
            case "POST /webhooks" -> Map.of("201", Call.post("/webhooks", WEBHOOK_BODY),
                    "400", Call.post("/webhooks", WEBHOOK_BODY.replace("https://93.184.216.34", "https://10.0.0.1")),
                    "404", Call.post("/webhooks", WEBHOOK_BODY.replace("}", ", \"storeId\": " + MISSING_ID + "}")),
                    "415", Call.post("/webhooks", WEBHOOK_BODY).as("text/plain"));
            case "POST /stores/{}/stock-movements/import" -> {
                String csv = "productId,type,quantity\n" + product + ",in,1\n";
                String path = "/stores/" + store + "/stock-movements/import";
                yield Map.of("202", new Call("POST", path, csv, "text/csv"),
                        "400", new Call("POST", path, csv.replace(",in,1", ",in,0"), "text/csv"),
                        "404", new Call("POST", "/stores/" + MISSING_ID + "/stock-movements/import", csv, "text/csv"),
                        "415", new Call("POST", path, csv, "application/json"));
            }
            case "GET /imports/{}" -> Map.of("200", Call.get(movementImport),
                    "400", Call.get("/imports/not-a-uuid"), "404", Call.get("/imports/" + UUID.randomUUID()));
            case "POST /products/import" -> {
                String csv = "name\nName " + UUID.randomUUID() + "\n";
                yield Map.of("200", new Call("POST", "/products/import", csv, "text/csv"),
                        "400", new Call("POST", "/products/import", "name\n\" \"\n", "text/csv"),
                        "415", new Call("POST", "/products/import", csv, "application/json"));
            }
            case "GET /webhooks" -> Map.of("200", Call.get("/webhooks"));
            case "GET /webhooks/{}" -> Map.of("200", Call.get("/webhooks/" + webhook),
                    "400", Call.get("/webhooks/not-a-uuid"), "404", Call.get("/webhooks/" + UUID.randomUUID()));
            case "DELETE /webhooks/{}" -> Map.of("204", new Call("DELETE", "/webhooks/" + newWebhook(), null, null),
                    "400", new Call("DELETE", "/webhooks/not-a-uuid", null, null),
                    "404", new Call("DELETE", "/webhooks/" + UUID.randomUUID(), null, null));
            case "POST /webhooks/{}/resume" -> Map.of("200", new Call("POST", "/webhooks/" + webhook + "/resume", null, null),
                    "400", new Call("POST", "/webhooks/not-a-uuid/resume", null, null),
                    "404", new Call("POST", "/webhooks/" + UUID.randomUUID() + "/resume", null, null));
            case "GET /webhooks/{}/deliveries" -> Map.of("200", Call.get("/webhooks/" + webhook + "/deliveries"),
                    "400", Call.get("/webhooks/" + webhook + "/deliveries?limit=0"),
                    "404", Call.get("/webhooks/" + UUID.randomUUID() + "/deliveries"));
            default -> Map.of();
        };
    }

    /** {@code requests} plus a 304: the read again with the ETag it answers with. */
    static Map<String, Call> notModified(Map<String, Call> requests, String path) {
        Map<String, Call> all = new HashMap<>(requests);
        String etag = admin(APP).get(path).headers().firstValue("ETag").orElseThrow();
        all.put("304", Call.get(path).with("If-None-Match", etag));
        return all;
    }

    /** The id of an entry of {@code list} other than the seeded ones, whose name a 409 can take. */
    static long other(String list) {
        if (list.equals("/stores")) {
            return admin(APP).newStore();
        }
        return admin(APP).newProduct();
    }

    static Map<String, Call> byId(String path, long id) {
        return Map.of("200", Call.get(path.formatted(id)), "400", Call.get(path.formatted("0")),
                "404", Call.get(path.formatted(MISSING_ID)));
    }

    /** "GET /stores/{}/inventory" for "GET /stores/{storeId}/inventory": the contract and the code name ids differently. */
    static String key(String method, String path) {
        return method.toUpperCase() + " " + path.replaceAll("\\{[^}]*}", "{}").replaceAll("<[^>]*>", "{}");
    }

    static Set<String> contractEndpoints() throws IOException {
        assertThat(CONTRACT).as("the contract, docs/CONTRACT.md").exists();
        Set<String> endpoints = new TreeSet<>();
        Matcher matcher = ENDPOINT.matcher(Files.readString(CONTRACT));
        while (matcher.find()) {
            endpoints.add(key(matcher.group(1), matcher.group(2)));
        }
        return endpoints;
    }

    /** Operation key to the statuses the served document lists for it ({@code default} left out: it is no status). */
    static Map<String, Set<String>> documented() {
        JsonNode paths = json(Api.at(APP.getLocalPort()).get("/openapi.json")).get("paths");
        Map<String, Set<String>> operations = new TreeMap<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            Set<String> statuses = new TreeSet<>();
            operation.getValue().get("responses").fieldNames().forEachRemaining(statuses::add);
            statuses.remove("default");
            operations.put(key(operation.getKey(), path.getKey()), statuses);
        }));
        return operations;
    }

    @Test
    void theCopyInDocsIsTheContractBesideTheRepository() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(SHARED_CONTRACT), "no ../shared/CONTRACT.md here");
        assertThat(Files.readString(CONTRACT)).as("docs/CONTRACT.md is a copy of %s: copy it again", SHARED_CONTRACT)
                .isEqualTo(Files.readString(SHARED_CONTRACT));
    }

    @Test
    void everyEndpointOfTheContractIsDocumentedAndNoOther() throws IOException {
        Set<String> contract = contractEndpoints();
        assertThat(contract).as("endpoints found in " + CONTRACT).hasSizeGreaterThan(10);
        assertThat(contract).as("not-yet-built endpoints the contract names").containsAll(NOT_YET_BUILT);
        Set<String> built = new TreeSet<>(contract);
        built.removeAll(NOT_YET_BUILT);
        assertThat(documented().keySet()).as("documented operations: exactly the built endpoints the contract names")
                .containsExactlyInAnyOrderElementsOf(built);
    }

    @Test
    void anEndpointNotBuiltYetIsReallyAbsent() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN, ServiceTestApp.password(ServiceTestApp.ADMIN));
        NOT_YET_BUILT.forEach(endpoint -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{}", "1");
            var request = admin.request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
            assertThat(admin.send(request).statusCode()).as(endpoint + " is listed as not built").isIn(404, 405);
        });
    }

    @Test
    void everyDocumentedStatusIsOneTheServiceReturns() throws Exception {
        Map<String, Set<String>> documented = documented();
        List<String> unprovoked = new ArrayList<>();
        documented.forEach((operation, statuses) -> {
            Map<String, Call> requests = requests(operation);
            for (String status : statuses) {
                Map<String, HttpResponse<String>> answers = new HashMap<>();
                switch (status) {
                    case "401" -> answers.put("without credentials", valid(operation).send(Api.at(APP.getLocalPort())));
                    case "403" -> List.of(ServiceTestApp.CLERK, ServiceTestApp.AUDITOR).forEach(user ->
                            answers.put("as " + user, valid(operation).send(Api.at(APP.getLocalPort()).as(user))));
                    case "429", "503" -> {
                        continue; // below, each on a service of its own
                    }
                    default -> {
                        Call call = requests.get(status);
                        if (call == null) {
                            unprovoked.add(operation + " " + status);
                            continue;
                        }
                        answers.put(call.toString(), call.send(admin(APP)));
                    }
                }
                assertAnswered(operation, status, answers);
            }
        });
        assertThat(unprovoked).as("documented statuses that no request of this test provokes: provoke them here, "
                + "or drop them from the document if the service never answers them").isEmpty();

        // One app at a time: DropwizardAppExtension passes overrides as dw.* system properties, shared by the JVM.
        var oneToken = ServiceTestApp.extension(
                ConfigOverride.config("rateLimit.requestsPerSecond", "1"), ConfigOverride.config("rateLimit.burst", "1"));
        withApp(oneToken, () -> documented.forEach((operation, statuses) -> {
            if (statuses.contains("429")) {
                Map<String, HttpResponse<String>> answers = new HashMap<>();
                for (int i = 0; i < 3; i++) {
                    answers.put("request " + i + " on a bucket of one token", valid(operation).send(admin(oneToken)));
                }
                assertAnswered(operation, "429", answers);
            }
        }));
        try (var stack = new RestartableStack()) {
            var noDatabase = ServiceTestApp.extension(stack.overrides());
            withApp(noDatabase, () -> {
                stack.stopDatabase();
                documented.forEach((operation, statuses) -> {
                    if (statuses.contains("503")) {
                        assertAnswered(operation, "503", Map.of("with the database stopped", valid(operation).send(admin(noDatabase))));
                    }
                });
            });
        }
    }

    static Call valid(String operation) {
        return requests(operation).entrySet().stream().filter(e -> e.getKey().startsWith("2")).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(operation + ": the test has no valid request for it"));
    }

    static void assertAnswered(String operation, String status, Map<String, HttpResponse<String>> answers) {
        Map<String, String> seen = new TreeMap<>();
        answers.forEach((request, response) -> seen.put(request, response.statusCode() + " " + response.body()));
        assertThat(answers.values()).as(operation + " is documented with " + status + "; answers: " + seen)
                .anyMatch(response -> String.valueOf(response.statusCode()).equals(status));
    }

    static void withApp(DropwizardAppExtension<ServiceConfiguration> app, Runnable test) throws Exception {
        app.before();
        try {
            test.run();
        } finally {
            app.after();
        }
    }
}
