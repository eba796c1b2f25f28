package com.bazaar.service.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served OpenAPI document: open to everyone, valid OpenAPI 3, the same in JSON and YAML, and identical to
 * the copy checked in as docs/openapi.yaml; Swagger UI at /docs, open too, reading it; everything else still
 * behind Basic Auth.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiDocumentIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Path CHECKED_IN = Path.of("..", "docs", "openapi.yaml").toAbsolutePath().normalize();
    static final String REGENERATE = "mvn -pl service -am verify -Dit.test=ApiDocumentIT -Dtest=none "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dopenapi.write=true";

    Api anonymous() {
        return Api.at(APP.getLocalPort());
    }

    String served(String path) {
        HttpResponse<String> response = anonymous().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theCheckedInCopyIsWhatTheServiceServes() throws IOException {
        String yaml = served("/openapi.yaml");
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CHECKED_IN, yaml, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "")
                .as("%s differs from what the service serves at /openapi.yaml (the resources or their annotations "
                        + "changed). Regenerate it with%n  %s%nor, with ./bazaar up running, "
                        + "curl -s localhost:8080/openapi.yaml > docs/openapi.yaml; then review and commit the diff", CHECKED_IN, REGENERATE)
                .isEqualTo(yaml);
    }

    @Test
    void jsonAndYamlAreTheSameDocument() throws IOException {
        JsonNode json = Api.JSON.readTree(served("/openapi.json"));
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(served("/openapi.yaml"));
        assertThat(json).isEqualTo(yaml);
        assertThat(anonymous().get("/openapi.json").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void theDocumentIsValidOpenApi3() {
        var options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(served("/openapi.json"), null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void theApiPageIsSwaggerUiOnThisDocument() {
        HttpResponse<String> bare = anonymous().get("/docs");
        assertThat(bare.statusCode()).isIn(301, 302);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/docs/"));
        assertThat(served("/docs/")).contains("<div id=\"swagger-ui\">", "swagger-ui-bundle.js", "swagger-initializer.js");
        assertThat(served("/docs/swagger-initializer.js")).contains("url: \"../openapi.json\"").doesNotContain("petstore");
        assertThat(served("/docs/swagger-ui-bundle.js")).contains("SwaggerUIBundle");
        assertThat(served("/docs/swagger-ui.css")).isNotEmpty();
    }

    @Test
    void everythingElseStillNeedsCredentials() {
        for (String path : new String[] {"/products", "/stores/1/inventory", "/stock-movements", "/audit-logs", "/openapi.xml"}) {
            HttpResponse<String> response = anonymous().get(path);
            assertThat(response.statusCode()).as(path).isIn(401, 404);
            if (!path.equals("/openapi.xml")) {
                assertThat(response.statusCode()).as(path).isEqualTo(401);
            }
        }
        assertThat(Api.at(APP.getLocalPort()).as(ServiceTestApp.CLERK).get("/products").statusCode()).isEqualTo(200);
    }
}
