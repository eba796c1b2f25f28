package com.bazaar.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.bazaar.testing.Movements;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every endpoint against every role: "yes" means the role gets past authorization (any answer but 401 or
 * 403), "no" means 403. Without credentials, or with a wrong password, every endpoint is 401.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RoleMatrixIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static long store;
    static long product;

    @BeforeAll
    static void seed() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        store = admin.newStore();
        product = admin.newProduct();
    }

    @ParameterizedTest(name = "{0} {1}: admin {2}, clerk {3}, auditor {4}")
    @CsvSource({
        "POST, /products,                            yes, no,  no",
        "GET,  /products,                            yes, yes, yes",
        "GET,  /products/PRODUCT,                    yes, yes, yes",
        "GET,  /products/PRODUCT/quantity,           yes, yes, yes",
        "POST, /stores,                              yes, no,  no",
        "GET,  /stores,                              yes, yes, yes",
        "GET,  /stores/STORE,                        yes, yes, yes",
        "GET,  /stores/STORE/inventory,              yes, yes, yes",
        "GET,  /stores/STORE/inventory/PRODUCT,      yes, yes, yes",
        "POST, /stores/STORE/stock-movements,        yes, yes, no",
        "GET,  /stock-movements,                     yes, yes, yes",
        "GET,  /stock-movements/MOVEMENT,            yes, yes, yes",
        "GET,  /audit-logs,                          yes, no,  yes",
    })
    void eachRoleMayDoWhatTheContractSaysAndNothingMore(String method, String template, String admin, String clerk,
                                                          String auditor) {
        String path = template.replace("STORE", String.valueOf(store)).replace("PRODUCT", String.valueOf(product))
                .replace("MOVEMENT", UUID.randomUUID().toString());
        assertAccess(null, method, path, "unauthenticated");
        assertAccess(ServiceTestApp.ADMIN + ":wrong", method, path, "unauthenticated");
        assertAccess(ServiceTestApp.ADMIN, method, path, admin);
        assertAccess(ServiceTestApp.CLERK, method, path, clerk);
        assertAccess(ServiceTestApp.AUDITOR, method, path, auditor);
    }

    private void assertAccess(String user, String method, String path, String allowed) {
        Api api = user == null ? Api.at(APP.getLocalPort())
                : user.endsWith(":wrong") ? Api.at(APP.getLocalPort()).as(user.substring(0, user.indexOf(':')), "wrong")
                : Api.at(APP.getLocalPort()).as(user);
        String body = path.endsWith("stock-movements")
                ? Movements.in(product, 1).body()
                : "{\"name\": \"Roles " + UUID.randomUUID() + "\"}";
        HttpResponse<String> response = method.equals("GET") ? api.get(path)
                : api.send(api.request(path).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (allowed.equals("unauthenticated")) {
            assertThat(response.statusCode()).as("%s %s as %s", method, path, user).isEqualTo(401);
        } else if (allowed.equals("yes")) {
            assertThat(response.statusCode()).as("%s %s %s: %s", user, method, path, response.body()).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as("%s %s %s", user, method, path).isEqualTo(403);
        }
    }
}
