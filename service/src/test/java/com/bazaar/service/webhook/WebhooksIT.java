package com.bazaar.service.webhook;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.webhook.SecretBox;
import com.bazaar.webhook.WebhookSequence;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A subscription's life on the real database: created (the secret shown once, stored sealed, the position at the
 * feed's head), read, resumed, deleted, each with its audit row. The refusals are WebhookResourceTest's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhooksIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("webhooks.allowPrivate", "true"));
    static final Jdbi DB = ServiceTestApp.database();

    static Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    @Test
    void aSubscriptionIsCreatedShownResumedAndDeleted() {
        long store = admin().newStore();
        long head = DB.withHandle(h -> h.createQuery("SELECT seq FROM feed_clock").mapTo(Long.class).one());

        var created = admin().post("/webhooks", "{\"url\": \"http://127.0.0.1:9/hook\", "
                + "\"events\": [\"inventory.changed\", \"reservation.expired\"], \"storeId\": " + store + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        UUID id = UUID.fromString(body.get("id").asText());
        String secret = body.get("secret").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/webhooks/" + id));
        assertThat(body.get("status").asText()).isEqualTo("active");
        assertThat(body.get("createdAt").asText()).isNotBlank();

        Map<String, Object> row = DB.withHandle(h -> h.createQuery("SELECT secret, position FROM webhook_subscriptions WHERE id = :id")
                .bind("id", id).mapToMap().one());
        byte[] sealed = (byte[]) row.get("secret");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(new SecretBox(Base64.getDecoder().decode(ServiceTestApp.WEBHOOK_SECRET_KEY)).open(id, sealed)).isEqualTo(secret);
        assertThat((long) row.get("position")).isGreaterThanOrEqualTo(WebhookSequence.pastEntry(head));

        var one = admin().get("/webhooks/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).doesNotContain("secret").doesNotContain(secret);
        assertThat(json(one).get("events").toString()).isEqualTo("[\"inventory.changed\",\"reservation.expired\"]");
        assertThat(json(one).get("storeId").asLong()).isEqualTo(store);
        assertThat(admin().get("/webhooks").body()).contains(id.toString()).doesNotContain(secret);
        var deliveries = admin().get("/webhooks/" + id + "/deliveries?limit=100");
        assertThat(deliveries.statusCode()).isEqualTo(200);
        assertThat(json(deliveries).get("deliveries").isArray()).isTrue();
        assertThat(admin().post("/webhooks/" + id + "/resume", "").statusCode()).isEqualTo(200);

        assertThat(admin().send(admin().request("/webhooks/" + id).DELETE()).statusCode()).isEqualTo(204);
        assertThat(admin().get("/webhooks/" + id).statusCode()).isEqualTo(404);
        assertThat(admin().send(admin().request("/webhooks/" + id).DELETE()).statusCode()).isEqualTo(404);

        var audit = json(admin().get("/audit-logs?entityType=webhook&entityId=" + id + "&limit=10")).get("auditLogs");
        assertThat(audit.findValuesAsText("actionType")).containsExactlyInAnyOrder("WEBHOOK_CREATED", "WEBHOOK_RESUMED", "WEBHOOK_DELETED");
        assertThat(audit.toString()).contains("http://127.0.0.1:9/hook").doesNotContain(secret);
    }
}
