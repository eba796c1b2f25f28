package com.bazaar.service.catalog;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /products/import} on the real database: created with audit rows in one transaction, taken ones skipped. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProductImportIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    HttpResponse<String> upload(String csv) {
        return admin().post("/products/import", csv, "text/csv");
    }

    static long audited(String name) {
        return DB.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_logs a JOIN products p ON a.entity_id = CAST(p.id AS varchar)
                        WHERE a.action_type = 'PRODUCT_CREATED' AND p.name = :name""")
                .bind("name", name).mapTo(Long.class).one());
    }

    @Test
    void createsEachNewRowWithItsAuditRowAndSkipsTakenNamesAndSkusWithTheirLines() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String taken = "Taken " + run;
        admin().post("/products", "{\"name\": \"" + taken + "\", \"sku\": \"TAKEN-" + run + "\"}");
        String csv = "name,sku\r\n"
                + "\"Tea, green " + run + "\",TEA-" + run + "\r\n"   // line 2
                + "\r\n"
                + "  Coffee " + run + "  ,\r\n"                      // line 4: trimmed, no SKU
                + taken.toUpperCase() + ",OTHER-" + run + "\r\n"     // line 5: the name is taken, in another case
                + "Cocoa " + run + ",TAKEN-" + run + "\r\n"          // line 6: the SKU is taken
                + "\"Tea, green " + run + "\",TEA-" + run + "\r\n";  // line 7: a repeat of line 2

        HttpResponse<String> response = upload(csv);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outcome = json(response);
        assertThat(outcome.get("created").asInt()).isEqualTo(2);
        assertThat(outcome.get("skipped").findValuesAsText("line")).containsExactly("5", "6", "7");
        assertThat(outcome.get("skipped").findValuesAsText("reason")).containsExactly(
                "A product named '" + taken.toUpperCase() + "' already exists",
                "A product with SKU 'TAKEN-" + run + "' already exists",
                "A product named 'Tea, green " + run + "' already exists");
        assertThat(audited("Tea, green " + run)).isEqualTo(1);
        assertThat(audited("Coffee " + run)).as("trimmed as POST /products trims").isEqualTo(1);

        JsonNode again = json(upload(csv));
        assertThat(again.get("created").asInt()).as("the same file twice creates nothing the second time").isZero();
        assertThat(again.get("skipped")).hasSize(5);
    }

    @Test
    void aBadRowCreatesNothing() {
        String run = UUID.randomUUID().toString();
        HttpResponse<String> response = upload("name,sku\nGood " + run + ",\n,NO-NAME\nSpaced " + run + ",A B\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).asText()).startsWith("line 3: name must not be blank");
        assertThat(json(response).get("errors").get(1).asText()).startsWith("line 4: sku must not contain white space");
        long created = DB.withHandle(h -> h.createQuery("SELECT count(*) FROM products WHERE name = :n")
                .bind("n", "Good " + run).mapTo(Long.class).one());
        assertThat(created).isZero();
    }
}
