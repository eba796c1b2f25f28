package com.bazaar.service.catalog;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bazaar.catalog.Patched;
import com.bazaar.catalog.Store;
import com.bazaar.catalog.StoreDao;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.tier.ResourceTier;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The catalog's rules for stores, on a fake DAO: create, list, read with its ETag, and PATCH. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StoreResourceTest {
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Store DOWNTOWN = new Store(1, "Downtown", "1 Main St", CREATED, CREATED, 2);
    static final StoreDao STORES = mock(StoreDao.class);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new StoreResource(STORES, Reads.primaryOnly(STORES),
                    new DetailsCache<>(new CatalogCacheConfiguration(), () -> false, new MetricRegistry(), "stores")))
            .build();

    @BeforeEach
    void oneStore() {
        reset(STORES);
        when(STORES.findById(1)).thenReturn(Optional.of(DOWNTOWN));
        when(STORES.findAll()).thenReturn(List.of(DOWNTOWN));
        when(STORES.patch(eq(1L), any(), anyString())).thenAnswer(call -> {
            Function<Store, Patched<Store>> decide = call.getArgument(1);
            return decide.apply(DOWNTOWN);
        });
        when(STORES.patch(eq(2L), any(), anyString())).thenReturn(new Patched.Missing<>());
    }

    static Response patch(long id, String body) {
        return as(RESOURCES, ResourceTier.ADMIN, "/stores/" + id).method("PATCH", json(body));
    }

    @Test
    void aNewStoreIs201WithItsLocationAndItsValuesTrimmed() {
        when(STORES.create("Downtown", "1 Main St", ResourceTier.ADMIN)).thenReturn(Optional.of(DOWNTOWN));

        Response response = as(RESOURCES, ResourceTier.ADMIN, "/stores")
                .post(json("{\"name\": \"  Downtown \", \"location\": \" 1 Main St\"}"));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation().getPath()).isEqualTo("/stores/1");
        assertThat(response.readEntity(String.class)).contains("\"message\":\"Store added successfully\"", "\"storeId\":1");
    }

    @Test
    void aTakenNameIs409InTheCatalogsWords() {
        when(STORES.create(eq("DOWNTOWN"), any(), anyString())).thenReturn(Optional.empty());

        Response response = as(RESOURCES, ResourceTier.ADMIN, "/stores").post(json("{\"name\": \"DOWNTOWN\"}"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(errorMessage(response)).isEqualTo("A store named 'DOWNTOWN' already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\": \"\"}", "{\"name\": \"   \"}", "{\"name\": 42}", "{\"name\": null}",
        "{\"name\": \"a\", \"city\": \"Oslo\"}", "{\"name\": \"a\", \"location\": \"  \"}", "{\"name\": \"a\", \"location\": 7}",
        "[]", "not json"})
    void aBadStoreIs400AndWritesNothing(String body) {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/stores").post(json(body));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isNotBlank();
        verify(STORES, never()).create(any(), any(), any());
    }

    @Test
    void aNameOver200OrALocationOver500CharactersIs400() {
        Response name = as(RESOURCES, ResourceTier.ADMIN, "/stores").post(json("{\"name\": \"" + "n".repeat(201) + "\"}"));
        Response location = as(RESOURCES, ResourceTier.ADMIN, "/stores")
                .post(json("{\"name\": \"a\", \"location\": \"" + "l".repeat(501) + "\"}"));

        assertThat(name.getStatus()).isEqualTo(400);
        assertThat(errorMessage(name)).contains("name");
        assertThat(location.getStatus()).isEqualTo(400);
        assertThat(errorMessage(location)).contains("location");
        verify(STORES, never()).create(any(), any(), any());
    }

    @Test
    void onlyAnAdminMayAddOrChangeStores() {
        Response clerk = as(RESOURCES, ResourceTier.CLERK, "/stores").post(json("{\"name\": \"Uptown\"}"));
        Response auditor = as(RESOURCES, ResourceTier.AUDITOR, "/stores/1").method("PATCH", json("{\"name\": \"Uptown\"}"));

        assertThat(clerk.getStatus()).isEqualTo(403);
        assertThat(auditor.getStatus()).isEqualTo(403);
        assertThat(errorMessage(auditor)).isNotBlank();
        verify(STORES, never()).create(any(), any(), any());
        verify(STORES, never()).patch(eq(1L), any(), anyString());
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response create = as(RESOURCES, ResourceTier.ADMIN, "/stores").post(Entity.entity("name=Uptown", MediaType.TEXT_PLAIN_TYPE));
        Response change = as(RESOURCES, ResourceTier.ADMIN, "/stores/1")
                .method("PATCH", Entity.entity("name=Uptown", MediaType.TEXT_PLAIN_TYPE));

        assertThat(create.getStatus()).isEqualTo(415);
        assertThat(change.getStatus()).isEqualTo(415);
        assertThat(errorMessage(create)).isNotBlank();
    }

    @Test
    void theListShowsEveryStoreWithoutItsVersion() {
        Response response = as(RESOURCES, ResourceTier.AUDITOR, "/stores").get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(String.class)).startsWith("[{\"id\":1,\"name\":\"Downtown\",\"location\":\"1 Main St\"")
                .doesNotContain("version");
    }

    @Test
    void anUnknownOrMalformedIdIs404Or400() {
        Response missing = as(RESOURCES, ResourceTier.CLERK, "/stores/7").get();
        Response malformed = as(RESOURCES, ResourceTier.CLERK, "/stores/abc").get();
        Response zero = as(RESOURCES, ResourceTier.CLERK, "/stores/0").get();

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(errorMessage(missing)).isEqualTo("Store 7 not found");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(zero.getStatus()).isEqualTo(400);
    }

    @Test
    void aReadAnswersWithTheVersionAsETagAnd304ForIt() {
        Response read = as(RESOURCES, ResourceTier.CLERK, "/stores/1").get();
        Response again = as(RESOURCES, ResourceTier.CLERK, "/stores/1").header("If-None-Match", "\"2\"").get();
        Response older = as(RESOURCES, ResourceTier.CLERK, "/stores/1").header("If-None-Match", "\"1\"").get();

        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeaderString("ETag")).isEqualTo("\"2\"");
        assertThat(read.getHeaderString("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(older.getStatus()).isEqualTo(200);
    }

    @Test
    void aPatchNamingAnOlderVersionIs412WithTheCurrentETagAndWritesNothing() {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/stores/1").header("If-Match", "\"1\"")
                .method("PATCH", json("{\"location\": null}"));

        assertThat(response.getStatus()).isEqualTo(412);
        assertThat(response.getHeaderString("ETag")).isEqualTo("\"2\"");
        assertThat(errorMessage(response)).contains("If-Match");
        verify(STORES, never()).write(any());
    }

    @Test
    void aPatchOfAnUnknownStoreIs404AndOneNamingNothingOrANullNameIs400() {
        Response missing = patch(2, "{\"name\": \"Uptown\"}");
        Response empty = patch(1, "{}");
        Response nullName = patch(1, "{\"name\": null}");

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(errorMessage(missing)).isEqualTo("Store 2 not found");
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(errorMessage(empty)).isEqualTo("The body must name at least one field to change: name, location");
        assertThat(nullName.getStatus()).isEqualTo(400);
        verify(STORES, never()).patch(eq(1L), any(), anyString());
    }

    @Test
    void aPatchToANameAnotherStoreHasIs409() {
        var takenName = new PSQLException(new ServerErrorMessage("SERROR\0C23505\0Mduplicate key value\0nstores_name_key\0"));
        when(STORES.patch(eq(1L), any(), anyString())).thenThrow(new UnableToExecuteStatementException(takenName, null));

        Response response = patch(1, "{\"name\": \" Uptown \"}");

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(errorMessage(response)).isEqualTo("A store named 'Uptown' already exists");
    }
}
