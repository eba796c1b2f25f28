package com.bazaar.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class RequestIdIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    Api admin() {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
    }

    @Test
    void echoesTheClientsId() {
        HttpResponse<String> response = admin().send(admin().request("/products").header("X-Request-Id", "pos-7:abc.123"));
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("pos-7:abc.123");
    }

    @Test
    void makesOneWhenAbsentOrUnusable() {
        String generated = admin().get("/products").headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(generated).version()).as("a random UUID").isEqualTo(4);

        HttpResponse<String> junk = admin().send(admin().request("/products").header("X-Request-Id", "a b <script>"));
        String replaced = junk.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(replaced).version()).as("a random UUID").isEqualTo(4);
        assertThat(replaced).as("one of its own per request").isNotEqualTo(generated);
    }

    @Test
    void errorsCarryItToo() {
        assertThat(Api.at(APP.getLocalPort()).get("/products").headers().firstValue("X-Request-Id")).isPresent();
        assertThat(admin().get("/products/999999999").headers().firstValue("X-Request-Id")).isPresent();
        assertThat(admin().post("/products", "{").headers().firstValue("X-Request-Id")).isPresent();
    }
}
