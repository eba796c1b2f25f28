package com.bazaar.service.movement;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bazaar.catalog.ProductDao;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.FakePublisher;
import com.bazaar.service.tier.ResourceTier;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules of {@code POST /stores/{id}/stock-movements/import} and {@code GET /imports/{id}}, on a fake queue and
 * fake database access objects.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MovementImportResourceTest {
    static final FakePublisher QUEUE = new FakePublisher();
    static final ProductDao PRODUCTS = mock(ProductDao.class);
    static final MovementImportDao IMPORTS = mock(MovementImportDao.class);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new MovementImportResource(Catalog.ids(), QUEUE, PRODUCTS, IMPORTS, Validators.newValidator(), CLOCK))
            .addResource(new ImportProgressResource(IMPORTS))
            // beside it, as in the application: its path must not hide the import's
            .addResource(new AcceptMovementResource(Catalog.ids(), QUEUE, CLOCK))
            .build();
    static final String PATH = "/stores/" + Catalog.STORE + "/stock-movements/import";

    @BeforeEach
    void emptyQueue() {
        QUEUE.reset();
        reset(PRODUCTS, IMPORTS);
        when(PRODUCTS.idsBySku(any())).thenReturn(Map.of("TEA-1", 1L, "TEA-2", 2L));
    }

    static Response upload(String user, String csv, String key) {
        var request = as(RESOURCES, user, PATH);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(Entity.entity(csv, "text/csv"));
    }

    static Response upload(String csv) {
        return upload(ResourceTier.ADMIN, csv, null);
    }

    @Test
    void countsBySkuGoOnTheQueueAsMovementsEachProductsInFileOrderAndTheImportIsRecorded() {
        Response response = upload("sku,quantity,reason\r\nTEA-1,24,shelf count\r\nTEA-2,0,\r\nTEA-1,20,recount\r\n");

        assertThat(response.getStatus()).isEqualTo(202);
        var body = response.readEntity(MovementImportResource.Accepted.class);
        assertThat(body.rows()).isEqualTo(3);
        assertThat(response.getLocation().getPath()).isEqualTo("/imports/" + body.importId());
        List<MovementMessage> queued = QUEUE.published(MovementMessage.class);
        assertThat(queued).extracting(MovementMessage::productId, MovementMessage::type, MovementMessage::quantity,
                        MovementMessage::reason)
                .containsExactlyInAnyOrder(tuple(1L, MovementType.COUNT, 24, "shelf count"),
                        tuple(2L, MovementType.COUNT, 0, null), tuple(1L, MovementType.COUNT, 20, "recount"));
        assertThat(queued.stream().filter(m -> m.productId() == 1L).map(MovementMessage::quantity))
                .as("one product's rows in file order").containsExactly(24, 20);
        assertThat(queued).allSatisfy(m -> assertThat(m.storeId()).isEqualTo(Catalog.STORE))
                .allSatisfy(m -> assertThat(m.actor()).isEqualTo(ResourceTier.ADMIN));
        var recorded = org.mockito.ArgumentCaptor.forClass(UUID[].class);
        verify(IMPORTS).record(eq(body.importId()), eq(Catalog.STORE), recorded.capture(), eq(ResourceTier.ADMIN));
        assertThat(recorded.getValue()).containsExactlyInAnyOrderElementsOf(queued.stream().map(MovementMessage::movementId).toList());
    }

    @Test
    void productIdsTypesAndExpectedQuantitiesAreColumnsToo() {
        Response response = upload("productId,type,quantity,expectedQuantity\n1,in,5,\n2,count,7,3\n1,,9,\n");

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(QUEUE.published(MovementMessage.class))
                .extracting(MovementMessage::productId, MovementMessage::type, MovementMessage::quantity, MovementMessage::expectedQuantity)
                .containsExactlyInAnyOrder(tuple(1L, MovementType.IN, 5, null), tuple(2L, MovementType.COUNT, 7, 3),
                        tuple(1L, MovementType.COUNT, 9, null));
    }

    @Test
    void aFileWithBadRowsIsOne400NamingTheFirstTenLinesAndNothingIsEnqueued() {
        StringBuilder csv = new StringBuilder("productId,type,quantity,expectedQuantity\n");
        csv.append("1,in,0,\n");                 // line 2: an in of 0
        csv.append("1,sideways,5,\n");           // line 3
        csv.append(Catalog.MISSING).append(",in,5,\n"); // line 4
        csv.append("1,in,five,\n");              // line 5
        csv.append("1,in,5,3\n");                // line 6: expectedQuantity on an in
        csv.append("1,transfer_out,5,\n");       // line 7
        csv.append(",in,5,\n");                  // line 8
        for (int i = 0; i < 10; i++) {
            csv.append("2,out,2000000,\n");      // lines 9-18
        }
        Response response = upload(csv.toString());

        assertThat(response.getStatus()).isEqualTo(400);
        var error = response.readEntity(ResourceTier.ErrorBody.class);
        assertThat(error.message()).startsWith("17 rows are wrong, nothing was enqueued: line 2: quantity must be")
                .endsWith("; and 7 more");
        assertThat(error.errors()).hasSize(10).containsSubsequence(
                "line 3: type 'sideways' is not one of in, out, manual, count",
                "line 4: Product " + Catalog.MISSING + " not found",
                "line 5: quantity 'five' is not a whole number",
                "line 8: productId must not be empty");
        assertThat(error.errors().get(4)).startsWith("line 6: expectedQuantity");
        assertThat(error.errors().get(5)).startsWith("line 7: type 'transfer_out' is not one of");
        assertThat(error.errors().get(7)).startsWith("line 9: quantity must be less than or equal to 1000000");
        assertThat(QUEUE.published()).isEmpty();
        verify(IMPORTS, never()).record(any(), anyLong(), any(), anyString());
    }

    @Test
    void anUnknownSkuIsABadRow() {
        Response response = upload("sku,quantity\nTEA-1,1\nNOPE,2\n");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("1 row is wrong, nothing was enqueued: line 3: no product has SKU 'NOPE'");
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void theHeaderNamesTheProductOneWayAndHasAQuantity() {
        assertThat(errorMessage(upload("sku,productId,quantity\nTEA-1,1,1\n")))
                .isEqualTo("Line 1: the header needs one of the columns productId and sku, not both");
        assertThat(errorMessage(upload("sku\nTEA-1\n"))).isEqualTo("Line 1: the header needs the column quantity");
        assertThat(errorMessage(upload("sku,quantity,colour\nTEA-1,1,red\n"))).startsWith("Line 1: unknown column 'colour'");
    }

    @Test
    void anUnknownStoreIs404BeforeTheFileIsRead() {
        Response response = as(RESOURCES, ResourceTier.ADMIN, "/stores/" + Catalog.MISSING + "/stock-movements/import")
                .post(Entity.entity("not,a,good,file\n", "text/csv"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(errorMessage(response)).isEqualTo("Store " + Catalog.MISSING + " not found");
    }

    @Test
    void withAnIdempotencyKeyRowINamesTheMovementOfKeyColonIAndTheImportKeepsItsId() {
        Response first = upload(ResourceTier.ADMIN, "sku,quantity\nTEA-1,1\nTEA-2,2\n", "stock-take-7");
        Response again = upload(ResourceTier.ADMIN, "sku,quantity\nTEA-1,1\nTEA-2,2\n", "stock-take-7");

        assertThat(first.readEntity(MovementImportResource.Accepted.class))
                .isEqualTo(again.readEntity(MovementImportResource.Accepted.class));
        assertThat(QUEUE.published(MovementMessage.class)).extracting(MovementMessage::movementId).containsExactlyInAnyOrder(
                MovementIntake.movementId(ResourceTier.ADMIN, "stock-take-7:0"), MovementIntake.movementId(ResourceTier.ADMIN, "stock-take-7:1"),
                MovementIntake.movementId(ResourceTier.ADMIN, "stock-take-7:0"), MovementIntake.movementId(ResourceTier.ADMIN, "stock-take-7:1"));
    }

    @Test
    void anUnreachableQueueIs503AndNothingIsRecorded() {
        QUEUE.down();

        Response response = upload("sku,quantity\nTEA-1,1\n");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(String.valueOf(QueueAnswer.RETRY_AFTER_SECONDS));
        verify(IMPORTS, never()).record(any(), anyLong(), any(), anyString());
    }

    @Test
    void onlyAnAdminImportsAndAJsonBodyIs415() {
        assertThat(upload(ResourceTier.CLERK, "sku,quantity\nTEA-1,1\n", null).getStatus()).isEqualTo(403);
        Response json = as(RESOURCES, ResourceTier.ADMIN, PATH).post(ResourceTier.json("{}"));
        assertThat(json.getStatus()).isEqualTo(415);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void theProgressIsTheRecordsOrA404() {
        UUID id = UUID.randomUUID();
        when(IMPORTS.progress(id)).thenReturn(Optional.of(new MovementImportDao.Progress(5, 2, 2, 1)));

        assertThat(as(RESOURCES, ResourceTier.ADMIN, "/imports/" + id).get(MovementImportDao.Progress.class))
                .isEqualTo(new MovementImportDao.Progress(5, 2, 2, 1));
        Response missing = as(RESOURCES, ResourceTier.ADMIN, "/imports/" + UUID.randomUUID()).get();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(as(RESOURCES, ResourceTier.ADMIN, "/imports/not-a-uuid").get().getStatus()).isEqualTo(400);
    }
}
