package com.bazaar.service.movement;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /stores/{id}/stock-movements/batch} on the accepting side (no worker runs here): all or nothing. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchAcceptIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    Api clerk() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.CLERK);
    }

    static String batch(String... items) {
        return "{\"movements\": [" + String.join(", ", items) + "]}";
    }

    static String item(long product, String type, int quantity) {
        return Movements.of(type, product, quantity).body();
    }

    @Test
    void acceptsEveryItemInRequestOrderAndEnqueuesThemAll() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        List<String> items = IntStream.range(0, 23).mapToObj(i -> item(product, "in", i + 1)).toList();
        long queued = ServiceTestApp.startStack().queued();

        HttpResponse<String> response = clerk().post("/stores/" + store + "/stock-movements/batch",
                batch(items.toArray(String[]::new)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.get("message").asText()).isEqualTo("Stock movements accepted");
        List<Integer> quantities = new ArrayList<>();
        body.get("movements").forEach(m -> quantities.add(m.get("quantity").asInt()));
        assertThat(quantities).containsExactlyElementsOf(IntStream.rangeClosed(1, 23).boxed().toList());
        assertThat(body.at("/movements/0/status").asText()).isEqualTo("pending");
        assertThat(ServiceTestApp.startStack().queued()).isEqualTo(queued + 23);
    }

    @Test
    void theSameKeyNamesTheSameMovementsItemByItem() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        String body = batch(item(product, "in", 1), item(product, "out", 1));
        var request = clerk().request("/stores/" + store + "/stock-movements/batch").header("Content-Type", "application/json")
                .header("Idempotency-Key", "register-7-sale-19");

        String first = ids(clerk().send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))));
        String second = ids(clerk().send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))));

        assertThat(second).isEqualTo(first);
        assertThat(first.split(",")).containsExactly(
                MovementIntake.movementId(ServiceTestApp.CLERK, "register-7-sale-19:0").toString(),
                MovementIntake.movementId(ServiceTestApp.CLERK, "register-7-sale-19:1").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"movements\": []}                                            | 400 | movements size must be between 1 and 100",
        "{}                                                             | 400 | movements must not be null",
        "{\"movements\": [GOOD, {\"productId\": PRODUCT, \"type\": \"in\", \"quantity\": 0}] } | 400 | movements[1].quantity must be greater than or equal to 1",
        "{\"movements\": [GOOD, null]}                                  | 400 | movements[1]",
        "{\"movements\": [GOOD, {\"productId\": 999999999, \"type\": \"in\", \"quantity\": 1}] } | 404 | Product 999999999",
        "{\"movements\": [GOOD, {\"productId\": PRODUCT, \"type\": \"in\", \"quantity\": 1, \"occurredAt\": \"2999-01-01T00:00:00Z\"}] } | 400 | movements[1].occurredAt may not lie more than 5 minutes",
    })
    void anyBadItemRefusesTheWholeBatchNamingItAndEnqueuesNothing(String body, int status, String message) {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        long queued = ServiceTestApp.startStack().queued();

        HttpResponse<String> response = clerk().post("/stores/" + store + "/stock-movements/batch",
                body.replace("GOOD", item(product, "in", 1)).replace("PRODUCT", String.valueOf(product)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("message").asText()).contains(message);
        assertThat(ServiceTestApp.startStack().queued()).isEqualTo(queued);
    }

    @Test
    void moreThanAHundredItemsIsRefused() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        String body = batch(IntStream.range(0, 101).mapToObj(i -> item(product, "in", 1)).toArray(String[]::new));

        HttpResponse<String> response = clerk().post("/stores/" + store + "/stock-movements/batch", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("movements size must be between 1 and 100");
    }

    @Test
    void anUnknownStoreIs404AndAnAuditorMayNotSendBatches() {
        long product = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN).newProduct();

        assertThat(clerk().post("/stores/999999999/stock-movements/batch", batch(item(product, "in", 1))).statusCode())
                .isEqualTo(404);
        assertThat(Api.at(APP.getLocalPort()).as(ServiceTestApp.AUDITOR)
                .post("/stores/1/stock-movements/batch", batch(item(product, "in", 1))).statusCode()).isEqualTo(403);
    }

    private static String ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        json(response).get("movements").forEach(m -> ids.add(m.get("id").asText()));
        return ids.stream().collect(Collectors.joining(","));
    }
}
