package com.bazaar.service.auth;

import static com.bazaar.testing.Api.json;
import static com.bazaar.service.ServiceTestApp.ADMIN;
import static com.bazaar.service.ServiceTestApp.AUDITOR;
import static com.bazaar.service.ServiceTestApp.CLERK;
import static com.bazaar.service.ServiceTestApp.CLERK_AND_AUDITOR;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuthIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();

    Api api() {
        return Api.at(APP.getLocalPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/products", "/products/1", "/stores", "/stores/1"})
    void everyEndpointNeedsCredentials(String path) {
        assertUnauthorized(api().get(path));
        assertUnauthorized(api().post("/products", "{\"name\": \"x\"}"));
        assertUnauthorized(api().post("/stores", "{\"name\": \"x\"}"));
    }

    @Test
    void wrongPasswordsUnknownUsersAndMalformedHeadersAre401() {
        assertUnauthorized(api().as(ADMIN, "wrong").get("/products"));
        assertUnauthorized(api().as("nobody", "nobody-pass").get("/products"));
        assertUnauthorized(api().as(CLERK, "").get("/products"));
        assertUnauthorized(api().withAuthorization("Basic not-base64!").get("/products"));
        assertUnauthorized(api().withAuthorization("Bearer abc").get("/products"));
    }

    @Test
    void theEnvironmentAdminAndConfiguredUsersSignIn() {
        for (String user : new String[] {ADMIN, CLERK, AUDITOR, CLERK_AND_AUDITOR}) {
            assertThat(api().as(user).get("/products").statusCode()).as(user).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "admin, /products, 201", "admin, /stores, 201",
            "clerk, /products, 403", "clerk, /stores, 403",
            "auditor, /products, 403", "auditor, /stores, 403",
            "clerk-auditor, /products, 403"})
    void onlyAdminsWriteTheCatalog(String user, String path, int status) {
        HttpResponse<String> response = api().as(user).post(path, "{\"name\": \"" + UUID.randomUUID() + "\"}");

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 403) {
            assertThat(json(response).get("code").asInt()).isEqualTo(403);
            assertThat(json(response).get("message").asText()).isNotBlank();
        }
    }

    @ParameterizedTest
    @CsvSource({"clerk, /products", "clerk, /stores", "auditor, /products", "auditor, /stores"})
    void everyRoleReadsTheCatalog(String user, String path) {
        assertThat(api().as(user).get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void forbiddenComesAfterAuthentication() {
        assertUnauthorized(api().as(CLERK, "wrong").post("/products", "{\"name\": \"x\"}"));
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"bazaar\"");
        assertThat(json(response).get("code").asInt()).isEqualTo(401);
        assertThat(json(response).get("message").asText()).isNotBlank();
    }
}
