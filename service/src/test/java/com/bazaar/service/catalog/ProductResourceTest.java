package com.bazaar.service.catalog;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bazaar.catalog.Patched;
import com.bazaar.catalog.Product;
import com.bazaar.catalog.ProductDao;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.tier.ResourceTier;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog's rules for products (the store resource shares them: CatalogPatches, EntityTags), on a fake DAO. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProductResourceTest {
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Product OAT_MILK = new Product(1, "Oat milk 1L", "OAT-1L", CREATED, CREATED, 2);
    static final ProductDao PRODUCTS = mock(ProductDao.class);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new ProductResource(PRODUCTS, Reads.primaryOnly(PRODUCTS),
                    new DetailsCache<>(new CatalogCacheConfiguration(), () -> false, new MetricRegistry(), "products")))
            .build();

    @BeforeEach
    void oneProduct() {
        reset(PRODUCTS);
        when(PRODUCTS.findById(1)).thenReturn(Optional.of(OAT_MILK));
        when(PRODUCTS.patch(eq(1L), any(), anyString())).thenAnswer(call -> {
            Function<Product, Patched<Product>> decide = call.getArgument(1);
            return decide.apply(OAT_MILK);
        });
        when(PRODUCTS.patch(eq(2L), any(), anyString())).thenReturn(new Patched.Missing<>());
    }

    @Test
    void aTakenNameIs409InTheCatalogsWords() {
        when(PRODUCTS.nameTaken("OAT MILK 1l")).thenReturn(true);

        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products").post(json("{\"name\": \"OAT MILK 1l\"}"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(errorMessage(response)).isEqualTo("A product named 'OAT MILK 1l' already exists");
    }

    @Test
    void aTakenSkuIs409() {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products").post(json("{\"name\": \"Rye\", \"sku\": \"OAT-1L\"}"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(errorMessage(response)).isEqualTo("A product with SKU 'OAT-1L' already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\": \"\"}", "{\"name\": \"   \"}", "{\"name\": 42}", "{\"name\": \"a\", \"colour\": \"red\"}",
        "{\"name\": \"a\", \"sku\": \"a b\"}", "{\"name\": null}", "not json"})
    void aBadProductIs400AndWritesNothing(String body) {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products").post(json(body));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isNotBlank();
        verify(PRODUCTS, never()).create(anyString(), any(), anyString());
    }

    @Test
    void aNameWithALoneSurrogateIs400AndIsNeverStoredAltered() {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products").post(json("{\"name\": \"Rye \\ud800\"}"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("Field 'name' must be a string without NUL characters or lone surrogates (got Rye \\ud800)");
        verify(PRODUCTS, never()).create(anyString(), any(), anyString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"Rye\", \"\\ud83d\\ude00\": 1}", "{\"name\": \"Rye\", \"\uD83D\uDE00\": 1}"})
    void anEmojiKeyIsAnUnknownField(String body) {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products").post(json(body));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("Unknown field '\uD83D\uDE00'");
    }

    @Test
    void onlyAnAdminMayAddProducts() {
        Response clerk = as(RESOURCES, ResourceTier.CLERK, "/products").post(json("{\"name\": \"Rye\"}"));
        Response auditor = as(RESOURCES, ResourceTier.AUDITOR, "/products").post(json("{\"name\": \"Rye\"}"));

        assertThat(clerk.getStatus()).isEqualTo(403);
        assertThat(auditor.getStatus()).isEqualTo(403);
        assertThat(errorMessage(clerk)).isNotBlank();
        verify(PRODUCTS, never()).create(anyString(), any(), anyString());
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products").post(Entity.entity("name=Rye", MediaType.TEXT_PLAIN_TYPE));

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(errorMessage(response)).isNotBlank();
    }

    @Test
    void anUnknownOrMalformedIdIs404Or400() {
        Response missing = as(RESOURCES, ResourceTier.CLERK, "/products/7").get();
        Response malformed = as(RESOURCES, ResourceTier.CLERK, "/products/abc").get();
        Response zero = as(RESOURCES, ResourceTier.CLERK, "/products/0").get();

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(errorMessage(missing)).isEqualTo("Product 7 not found");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(zero.getStatus()).isEqualTo(400);
    }

    @Test
    void aReadAnswersWithTheVersionAsETagAnd304ForIt() {
        Response read = as(RESOURCES, ResourceTier.CLERK, "/products/1").get();
        Response again = as(RESOURCES, ResourceTier.CLERK, "/products/1").header("If-None-Match", "\"2\"").get();

        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeaderString("ETag")).isEqualTo("\"2\"");
        assertThat(again.getStatus()).isEqualTo(304);
    }

    @Test
    void aPatchNamingAnOlderVersionIs412WithTheCurrentETagAndWritesNothing() {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/products/1").header("If-Match", "\"1\"")
                .method("PATCH", json("{\"name\": \"Oat milk 1L (barista)\"}"));

        assertThat(response.getStatus()).isEqualTo(412);
        assertThat(response.getHeaderString("ETag")).isEqualTo("\"2\"");
        assertThat(errorMessage(response)).contains("If-Match");
        verify(PRODUCTS, never()).write(any());
    }

    @Test
    void aPatchOfAnUnknownProductIs404AndAnEmptyOneIs400() {
        Response missing = as(RESOURCES, ResourceTier.ADMIN, "/products/2").method("PATCH", json("{\"name\": \"Rye\"}"));
        Response empty = as(RESOURCES, ResourceTier.ADMIN, "/products/1").method("PATCH", json("{}"));

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(errorMessage(empty)).contains("at least one field");
        verify(PRODUCTS, never()).patch(eq(1L), any(), anyString());
    }

    @Test
    void aDatabaseThatCannotBeReachedIs503WithRetryAfter() {
        when(PRODUCTS.findById(anyLong())).thenThrow(new ConnectionException(new SQLTransientConnectionException("pool empty")));

        Response response = as(RESOURCES, ResourceTier.CLERK, "/products/1").get();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
        assertThat(errorMessage(response)).contains("database is unavailable");
    }
}
