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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class StoresIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    @Test
    void createsAStoreWithLocationHeaderAndAuditRow() {
        String name = "Downtown " + UUID.randomUUID();
        HttpResponse<String> response = admin().post("/stores", "{\"name\": \" " + name + " \", \"location\": \" 1 Main St \"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        long id = body.at("/store/id").asLong();
        assertThat(body.get("message").asText()).isEqualTo("Store added successfully");
        assertThat(body.get("storeId").asLong()).isEqualTo(id);
        assertThat(body.at("/store/name").asText()).isEqualTo(name);
        assertThat(body.at("/store/location").asText()).isEqualTo("1 Main St");
        assertThat(body.at("/store/createdAt").asText()).endsWith("Z");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/stores/" + id));
        assertThat(json(admin().get("/stores/" + id))).isEqualTo(body.get("store"));
        assertThat(json(admin().get("/stores")).findValuesAsText("name")).contains(name);

        long auditRows = DB.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_logs WHERE entity_type = 'store' AND entity_id = :id AND action_type = 'STORE_CREATED'")
                .bind("id", String.valueOf(id)).mapTo(Long.class).one());
        assertThat(auditRows).isEqualTo(1);
    }

    @Test
    void aNameTakenInAnyCaseIsAConflict() {
        String name = "Uptown " + UUID.randomUUID();
        assertThat(admin().post("/stores", "{\"name\": \"" + name + "\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> again = admin().post("/stores", "{\"name\": \"" + name.toLowerCase() + "\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).contains("already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": ", "", "{}", "{\"name\": 7}", "{\"name\": \" \"}", "{\"name\": \"a\", \"city\": \"b\"}",
            "{\"name\": \"a\", \"location\": 5}", "{\"name\": \"a\", \"location\": \"\"}"})
    void badBodiesAre400AndWriteNothing(String body) {
        long before = storeCount();

        HttpResponse<String> response = admin().post("/stores", body);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response).get("code").asInt()).isEqualTo(400);
        assertThat(storeCount()).isEqualTo(before);
    }

    private static long storeCount() {
        return DB.withHandle(h -> h.createQuery("SELECT count(*) FROM stores").mapTo(Long.class).one());
    }

    @Test
    void unknownAndMalformedIds() {
        assertThat(admin().get("/stores/123456789").statusCode()).isEqualTo(404);
        assertThat(json(admin().get("/stores/123456789")).get("message").asText()).isEqualTo("Store 123456789 not found");
        assertThat(admin().get("/stores/x").statusCode()).isEqualTo(400);
        assertThat(admin().get("/stores/0").statusCode()).isEqualTo(400);
    }
}
