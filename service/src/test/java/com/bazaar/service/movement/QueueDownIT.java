package com.bazaar.service.movement;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the queue unreachable a movement is refused with 503 and Retry-After, and nothing is recorded. */
@ExtendWith(DropwizardExtensionsSupport.class)
class QueueDownIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension(
            ConfigOverride.config("queue.endpoint", "http://127.0.0.1:" + closedPort()),
            ConfigOverride.config("queue.sendTimeout", "2s"));

    @Test
    void aMovementIsRefusedWith503AndRetryAfter() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();

        HttpResponse<String> response = admin.post("/stores/" + store + "/stock-movements",
                Movements.in(product, 1).body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(json(response).get("message").asText()).contains("queue is unavailable");
        long rows = ServiceTestApp.database().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM stock_movements WHERE store_id = :s").bind("s", store).mapTo(Long.class).one());
        assertThat(rows).isZero();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
