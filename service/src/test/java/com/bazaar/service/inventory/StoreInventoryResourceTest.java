package com.bazaar.service.inventory;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.bazaar.inventory.InventoryDao;
import com.bazaar.inventory.InventoryExportRow;
import com.bazaar.inventory.InventoryItem;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.ResourceTier;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A store's inventory and its low-stock thresholds, on a fake DAO and catalog: the 400/403/404/415 rules. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StoreInventoryResourceTest {
    static final InventoryItem OAT_MILK = new InventoryItem(Catalog.PRODUCT, "Oat milk 1L", 3, 1, 2, 5, true);
    static final InventoryDao INVENTORY = mock(InventoryDao.class);
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new StoreInventoryResource(Catalog.ids(), INVENTORY, Reads.primaryOnly(INVENTORY), CLOCK))
            .build();
    static final String PATH = "/stores/" + Catalog.STORE + "/inventory";
    static final String THRESHOLD = PATH + "/" + Catalog.PRODUCT + "/threshold";

    @BeforeEach
    void oneLowLevel() {
        reset(INVENTORY);
        when(INVENTORY.findByStore(Catalog.STORE)).thenReturn(List.of(OAT_MILK));
        when(INVENTORY.findLowByStore(Catalog.STORE)).thenReturn(List.of(OAT_MILK));
        when(INVENTORY.findItem(Catalog.STORE, Catalog.PRODUCT)).thenReturn(Optional.of(OAT_MILK));
    }

    static Invocation.Builder csv(String user, WebTarget target) {
        return target.request("text/csv").header("Authorization", ResourceTier.basic(user));
    }

    static Response lowStock(String user, String value) {
        return as(user, RESOURCES.target(PATH).queryParam("lowStock", value)).get();
    }

    @Test
    void lowStockTrueReadsOnlyTheLowLevelsAndFalseReadsAll() {
        Response low = lowStock(ResourceTier.CLERK, "true");
        Response all = lowStock(ResourceTier.AUDITOR, "false");

        assertThat(low.getStatus()).isEqualTo(200);
        assertThat(low.readEntity(String.class)).startsWith("{\"storeId\":1,\"inventory\":[{\"productId\":1,");
        assertThat(all.getStatus()).isEqualTo(200);
        verify(INVENTORY).findLowByStore(Catalog.STORE);
        verify(INVENTORY).findByStore(Catalog.STORE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", ""})
    void aLowStockThatIsNotTrueOrFalseIs400NamingIt(String value) {
        Response response = lowStock(ResourceTier.CLERK, value);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("lowStock must be one of true, false (got " + value + ")");
    }

    @Test
    void anUnknownStoreIs404AndReadsNothing() {
        Response list = as(RESOURCES, ResourceTier.CLERK, "/stores/" + Catalog.MISSING + "/inventory").get();
        Response item = as(RESOURCES, ResourceTier.CLERK, "/stores/" + Catalog.MISSING + "/inventory/1").get();

        assertThat(list.getStatus()).isEqualTo(404);
        assertThat(errorMessage(list)).isEqualTo("Store 999999999 not found");
        assertThat(item.getStatus()).isEqualTo(404);
        verifyNoInteractions(INVENTORY);
    }

    @Test
    void anItemTheStoreCannotNameIs404ForTheProduct() {
        when(INVENTORY.findItem(Catalog.STORE, 7)).thenReturn(Optional.empty());

        Response response = as(RESOURCES, ResourceTier.CLERK, PATH + "/7").get();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(errorMessage(response)).isEqualTo("Product 7 not found");
    }

    @Test
    void idsThatAreNotPositiveIntegersAre400() {
        assertThat(as(RESOURCES, ResourceTier.CLERK, "/stores/0/inventory").get().getStatus()).isEqualTo(400);
        assertThat(as(RESOURCES, ResourceTier.CLERK, "/stores/abc/inventory").get().getStatus()).isEqualTo(400);
        assertThat(as(RESOURCES, ResourceTier.CLERK, PATH + "/-1").get().getStatus()).isEqualTo(400);
        verifyNoInteractions(INVENTORY);
    }

    @Test
    void aThresholdIsSetOrClearedByTheAdminAndTheRowReadBack() {
        Response set = as(RESOURCES, ResourceTier.ADMIN, THRESHOLD).put(json("{\"lowStockThreshold\": 5}"));
        Response cleared = as(RESOURCES, ResourceTier.ADMIN, THRESHOLD).put(json("{\"lowStockThreshold\": null}"));

        assertThat(set.getStatus()).isEqualTo(200);
        assertThat(set.readEntity(String.class)).contains("\"lowStockThreshold\":5", "\"lowStock\":true");
        assertThat(cleared.getStatus()).isEqualTo(200);
        verify(INVENTORY).setThreshold(Catalog.STORE, Catalog.PRODUCT, 5, ResourceTier.ADMIN);
        verify(INVENTORY).setThreshold(Catalog.STORE, Catalog.PRODUCT, null, ResourceTier.ADMIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"lowStockThreshold\": -1}", "{\"lowStockThreshold\": 1000001}",
        "{\"lowStockThreshold\": \"5\"}", "{\"lowStockThreshold\": 2.5}", "{\"lowStockThreshold\": 5, \"lowStock\": true}", "null"})
    void aBadThresholdIs400AndWritesNothing(String body) {
        Response response = as(RESOURCES, ResourceTier.ADMIN, THRESHOLD).put(json(body));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isNotBlank();
        verify(INVENTORY, never()).setThreshold(anyLong(), anyLong(), any(), anyString());
    }

    @Test
    void aThresholdForAnUnknownStoreOrProductIs404AndWritesNothing() {
        Response store = as(RESOURCES, ResourceTier.ADMIN, "/stores/" + Catalog.MISSING + "/inventory/1/threshold")
                .put(json("{\"lowStockThreshold\": 5}"));
        Response product = as(RESOURCES, ResourceTier.ADMIN, PATH + "/" + Catalog.MISSING + "/threshold")
                .put(json("{\"lowStockThreshold\": 5}"));

        assertThat(store.getStatus()).isEqualTo(404);
        assertThat(product.getStatus()).isEqualTo(404);
        assertThat(errorMessage(product)).isEqualTo("Product 999999999 not found");
        verifyNoInteractions(INVENTORY);
    }

    @Test
    void onlyAnAdminSetsThresholdsAndOnlyInJson() {
        Response clerk = as(RESOURCES, ResourceTier.CLERK, THRESHOLD).put(json("{\"lowStockThreshold\": 5}"));
        Response text = as(RESOURCES, ResourceTier.ADMIN, THRESHOLD).put(Entity.entity("5", MediaType.TEXT_PLAIN_TYPE));

        assertThat(clerk.getStatus()).isEqualTo(403);
        assertThat(text.getStatus()).isEqualTo(415);
        verifyNoInteractions(INVENTORY);
    }

    @Test
    void asOfReadsTheFeedAtThatInstantForTheListTheLowLevelsAndOneRow() {
        Instant lastTuesday = Instant.parse("2026-12-01T17:00:00Z");
        when(INVENTORY.findByStoreAsOf(Catalog.STORE, lastTuesday)).thenReturn(List.of(OAT_MILK));
        when(INVENTORY.findItemAsOf(Catalog.STORE, Catalog.PRODUCT, lastTuesday)).thenReturn(Optional.of(OAT_MILK));

        Response list = as(ResourceTier.AUDITOR, RESOURCES.target(PATH).queryParam("asOf", "2026-12-01T18:00:00+01:00")).get();
        Response low = as(ResourceTier.AUDITOR, RESOURCES.target(PATH).queryParam("asOf", "2026-12-01T17:00:00Z")
                .queryParam("lowStock", "true")).get();
        Response item = as(ResourceTier.CLERK, RESOURCES.target(PATH + "/" + Catalog.PRODUCT)
                .queryParam("asOf", "2026-12-01T17:00:00Z")).get();

        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.readEntity(String.class)).startsWith("{\"storeId\":1,\"inventory\":[{\"productId\":1,");
        assertThat(low.getStatus()).isEqualTo(200);
        assertThat(item.getStatus()).isEqualTo(200);
        verify(INVENTORY).findByStoreAsOf(Catalog.STORE, lastTuesday);
        verify(INVENTORY).findLowByStoreAsOf(Catalog.STORE, lastTuesday);
        verify(INVENTORY).findItemAsOf(Catalog.STORE, Catalog.PRODUCT, lastTuesday);
        verify(INVENTORY, never()).findByStore(anyLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-12-01", "2026-12-01T18:00:00", "1764608400", ""})
    void aMalformedAsOfIs400NamingItAndReadsNothing(String value) {
        Response list = as(ResourceTier.CLERK, RESOURCES.target(PATH).queryParam("asOf", value)).get();
        Response item = as(ResourceTier.CLERK, RESOURCES.target(PATH + "/" + Catalog.PRODUCT).queryParam("asOf", value)).get();

        assertThat(list.getStatus()).isEqualTo(400);
        assertThat(errorMessage(list)).isEqualTo("asOf must be an ISO-8601 timestamp with offset, such as 2026-11-24T10:15:30Z");
        assertThat(item.getStatus()).isEqualTo(400);
        verifyNoInteractions(INVENTORY);
    }

    @Test
    void aFutureAsOfIs400SinceItsAnswerWouldStillChange() {
        Response list = as(ResourceTier.CLERK, RESOURCES.target(PATH).queryParam("asOf", "2026-12-03T12:00:01Z")).get();
        Response now = as(ResourceTier.CLERK, RESOURCES.target(PATH).queryParam("asOf", "2026-12-03T12:00:00Z")).get();

        assertThat(list.getStatus()).isEqualTo(400);
        assertThat(errorMessage(list)).isEqualTo("asOf must not be in the future (got 2026-12-03T12:00:01Z)");
        assertThat(now.getStatus()).isEqualTo(200);
    }

    @Test
    void acceptTextCsvStreamsTheRowsAsRfc4180CsvWithAHeaderAndJsonStaysTheDefault() {
        doAnswer(call -> {
            Consumer<InventoryExportRow> each = call.getArgument(3);
            each.accept(new InventoryExportRow(1, "OAT-1L", "Oat milk 1L", 3, 1, 2, 5));
            each.accept(new InventoryExportRow(2, null, "Beans, \"fine\"", 0, 0, 0, null));
            return null;
        }).when(INVENTORY).export(eq(Catalog.STORE), eq(false), isNull(), any());

        Response csv = csv(ResourceTier.AUDITOR, RESOURCES.target(PATH)).get();
        Response plain = as(ResourceTier.AUDITOR, RESOURCES.target(PATH)).get();

        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getHeaderString("Content-Type")).isEqualTo("text/csv;charset=utf-8");
        assertThat(csv.getHeaderString("Content-Disposition")).isEqualTo("attachment; filename=\"store-1-inventory.csv\"");
        assertThat(csv.readEntity(String.class)).isEqualTo(
                "productId,sku,productName,currentQuantity,reservedQuantity,availableQuantity,lowStockThreshold\r\n"
                        + "1,OAT-1L,\"Oat milk 1L\",3,1,2,5\r\n"
                        + "2,,\"Beans, \"\"fine\"\"\",0,0,0,\r\n");
        assertThat(plain.getHeaderString("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void theCsvTakesLowStockAndAsOfAsTheListDoesAndRefusesWhatItRefuses() {
        Response low = csv(ResourceTier.CLERK, RESOURCES.target(PATH).queryParam("lowStock", "true")
                .queryParam("asOf", "2026-12-01T17:00:00Z")).get();
        Response bad = csv(ResourceTier.CLERK, RESOURCES.target(PATH).queryParam("asOf", "soon")).get();

        assertThat(low.getStatus()).isEqualTo(200);
        verify(INVENTORY).export(eq(Catalog.STORE), eq(true), eq(Instant.parse("2026-12-01T17:00:00Z")), any());
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(errorMessage(bad)).startsWith("asOf must be");
    }
}
