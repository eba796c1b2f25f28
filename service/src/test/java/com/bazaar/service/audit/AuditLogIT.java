package com.bazaar.service.audit;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import com.bazaar.audit.AuditAction;
import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditEntry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuditLogIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    Api as(String user) {
        return Api.at(APP.getLocalPort()).as(user);
    }

    @Test
    void aCreatedProductsAuditTrailIsFoundByItsEntity() {
        String name = "Audited " + UUID.randomUUID();
        long id = json(as(ServiceTestApp.ADMIN).post("/products", "{\"name\": \"" + name + "\"}")).get("productId").asLong();

        HttpResponse<String> response = as(ServiceTestApp.AUDITOR).get("/audit-logs?entityType=product&entityId=" + id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.get("totalItems").asLong()).isEqualTo(1);
        JsonNode row = page.at("/auditLogs/0");
        assertThat(row.get("actionType").asText()).isEqualTo("PRODUCT_CREATED");
        assertThat(row.get("userId").asText()).isEqualTo(ServiceTestApp.ADMIN);
        assertThat(row.get("entityId").asText()).isEqualTo(String.valueOf(id));
        assertThat(row.at("/details/name").asText()).isEqualTo(name);
        assertThat(row.get("timestamp").asText()).endsWith("Z");
        assertThat(row.get("hash").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void filtersByUserAndActionAndPagesNewestFirst() {
        String user = ServiceTestApp.ADMIN;
        for (int i = 0; i < 3; i++) {
            as(user).post("/stores", "{\"name\": \"Audited store " + UUID.randomUUID() + "\"}");
        }

        JsonNode page = json(as(ServiceTestApp.ADMIN).get("/audit-logs?userId=" + user + "&actionType=STORE_CREATED&limit=2"));

        assertThat(page.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("auditLogs")).hasSize(2);
        assertThat(page.at("/auditLogs/0/id").asLong()).isGreaterThan(page.at("/auditLogs/1/id").asLong());
        assertThat(json(as(ServiceTestApp.AUDITOR).get("/audit-logs?startDate=2000-01-01T00:00:00Z&endDate=2000-01-02T00:00:00Z"))
                .get("totalItems").asLong()).isZero();
    }

    @Test
    void countsUpToTheWindow() {
        String user = "busy-" + UUID.randomUUID();
        List<AuditEntry> entries = IntStream.range(0, 10_001)
                .mapToObj(i -> new AuditEntry(user, AuditAction.MOVEMENT_APPLIED, UUID.randomUUID().toString(), Map.of()))
                .toList();
        AuditChainIT.DB.useTransaction(h -> h.attach(AuditDao.class).record(entries));

        JsonNode page = json(as(ServiceTestApp.AUDITOR).get("/audit-logs?userId=" + user));
        assertThat(page.get("totalItems").asLong()).isEqualTo(10_000);
        assertThat(page.get("totalItemsExact").asBoolean()).isFalse();
        assertThat(page.get("auditLogs")).hasSize(20);
    }

    @Test
    void clerksMayNotReadTheAuditLog() {
        assertThat(as(ServiceTestApp.CLERK).get("/audit-logs").statusCode()).isEqualTo(403);
        assertThat(as(ServiceTestApp.CLERK_AND_AUDITOR).get("/audit-logs").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "offset=-1", "offset=10000", "startDate=monday", "entityId="})
    void badParametersAre400(String query) {
        HttpResponse<String> response = as(ServiceTestApp.AUDITOR).get("/audit-logs?" + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains(query.substring(0, query.indexOf('=')));
    }
}
