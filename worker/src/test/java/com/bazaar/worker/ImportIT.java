package com.bazaar.worker;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Ledger;
import com.bazaar.testing.Movements;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CSV imports of movements through the whole pipeline: checked as a whole, enqueued, applied once, followed. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ImportIT {
    static final DropwizardAppExtension<ServiceConfiguration> SERVICE = ServiceTestApp.extension();
    static final DropwizardAppExtension<WorkerConfiguration> WORKER = WorkerTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    Api admin() {
        return Api.at(SERVICE.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    HttpResponse<String> upload(long store, byte[] csv, String key) {
        var request = admin().request("/stores/" + store + "/stock-movements/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return admin().send(request);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    JsonNode finished(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = java.net.URI.create(accepted.headers().firstValue("Location").orElseThrow()).getPath();
        await().atMost(PATIENCE).until(() -> json(admin().get(location)).get("pending").asInt() == 0);
        return json(admin().get(location));
    }

    /** Once a movement sent after them is applied, everything enqueued before it for that product has been too (FIFO). */
    void drained(long store, long product) {
        var sentinel = admin().post("/stores/" + store + "/stock-movements", Movements.in(product, 1).body());
        String id = json(sentinel).at("/movement/id").asText();
        await().atMost(PATIENCE).until(() -> admin().get("/stock-movements/" + id).statusCode() == 200);
    }

    @Test
    void aSpreadsheetsFileWithQuotesABomCrlfAndBlankLinesIsAppliedRowByRowAndFollowed() throws Exception {
        long store = admin().newStore();
        long tea = admin().newProduct();
        long coffee = admin().newProduct();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.write(utf8("productId,type,quantity,reason\r\n"
                + tea + ",count,40,\"shelf count, aisle 3\"\r\n"
                + "\r\n"
                + coffee + ",,12,\"note with \"\"quotes\"\" and\r\na line break\"\r\n"
                + tea + ",out,5,\r\n"            // the same product again: after its count, in file order
                + coffee + ",out,100,\r\n"));    // more than the 12 counted: the worker rejects it
        JsonNode progress = finished(upload(store, file.toByteArray(), null));

        assertThat(progress.get("rows").asInt()).isEqualTo(4);
        assertThat(progress.get("applied").asInt()).isEqualTo(3);
        assertThat(progress.get("rejected").asInt()).isEqualTo(1);
        assertThat(Ledger.level(DB, store, tea)).isEqualTo(35);
        assertThat(Ledger.level(DB, store, coffee)).isEqualTo(12);
        String reason = json(admin().get("/stock-movements?storeId=" + store + "&productId=" + coffee + "&type=count"))
                .at("/movements/0/reason").asText();
        assertThat(reason).isEqualTo("note with \"quotes\" and\r\na line break");
    }

    @Test
    void aBadRowAtLine99999Of100000EnqueuesNothing() {
        long store = admin().newStore();
        long product = admin().newProduct();
        StringBuilder csv = new StringBuilder("productId,type,quantity\n");
        for (int line = 2; line <= 100_001; line++) {
            csv.append(product).append(line == 99_999 ? ",in,x\n" : ",in,1\n");
        }

        HttpResponse<String> refused = upload(store, utf8(csv.toString()), null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).get("errors").get(0).asText()).isEqualTo("line 99999: quantity 'x' is not a whole number");
        drained(store, product);
        assertThat(Ledger.level(DB, store, product)).as("only the movement sent after the refused file").isEqualTo(1);
    }

    @Test
    void theSameFileTwiceWithOneKeyIsAppliedOnce() {
        long store = admin().newStore();
        long product = admin().newProduct();
        byte[] file = utf8("productId,type,quantity\n" + product + ",in,3\n" + product + ",in,4\n");

        HttpResponse<String> first = upload(store, file, "delivery-42");
        HttpResponse<String> again = upload(store, file, "delivery-42");

        assertThat(json(again).get("importId")).isEqualTo(json(first).get("importId"));
        JsonNode progress = finished(again);
        assertThat(progress.get("applied").asInt()).isEqualTo(2);
        drained(store, product);
        assertThat(Ledger.level(DB, store, product)).as("3 + 4 once, and the 1 sent after").isEqualTo(8);
    }
}
