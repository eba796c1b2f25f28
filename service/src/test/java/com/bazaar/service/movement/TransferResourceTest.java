package com.bazaar.service.movement;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static com.bazaar.service.tier.ResourceTier.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.bazaar.movement.LedgerDao;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.FakePublisher;
import com.bazaar.service.tier.ResourceTier;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The acceptance rules of {@code POST /transfers}, on a fake queue and clock. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TransferResourceTest {
    static final FakePublisher QUEUE = new FakePublisher();
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new TransferResource(Catalog.ids(), QUEUE, mock(LedgerDao.class),
                    Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC)))
            .build();

    @BeforeEach
    void emptyQueue() {
        QUEUE.reset();
    }

    static Response transfer(String user, long from, long to, long product) {
        return as(RESOURCES, user, "/transfers").post(json(body(from, to, product)));
    }

    static String body(long from, long to, long product) {
        return "{\"fromStoreId\": " + from + ", \"toStoreId\": " + to + ", \"productId\": " + product + ", \"quantity\": 5}";
    }

    @Test
    void aTransferIsOneQueuedTransferOutAtTheSourceNamingTheDestination() {
        Response response = transfer(ResourceTier.CLERK, Catalog.STORE, Catalog.OTHER_STORE, Catalog.PRODUCT);

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(QUEUE.published(MovementMessage.class)).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo(MovementType.TRANSFER_OUT);
            assertThat(message.storeId()).isEqualTo(Catalog.STORE);
            assertThat(message.toStoreId()).isEqualTo(Catalog.OTHER_STORE);
        });
    }

    @Test
    void aTransferToItsOwnStoreIs400() {
        Response response = transfer(ResourceTier.CLERK, Catalog.STORE, Catalog.STORE, Catalog.PRODUCT);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("toStoreId");
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void anIdempotencyKeyOutsidePrintableAsciiIs400AsForMovements() {
        Response response = as(RESOURCES, ResourceTier.CLERK, "/transfers").header("Idempotency-Key", "caf\u00e9")
                .post(json(body(Catalog.STORE, Catalog.OTHER_STORE, Catalog.PRODUCT)));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("header Idempotency-Key must be printable and not start or end with white space");
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void anUnknownStoreOrProductIs404() {
        assertThat(transfer(ResourceTier.CLERK, Catalog.MISSING, Catalog.OTHER_STORE, Catalog.PRODUCT).getStatus()).isEqualTo(404);
        assertThat(transfer(ResourceTier.CLERK, Catalog.STORE, Catalog.MISSING, Catalog.PRODUCT).getStatus()).isEqualTo(404);
        assertThat(transfer(ResourceTier.CLERK, Catalog.STORE, Catalog.OTHER_STORE, Catalog.MISSING).getStatus()).isEqualTo(404);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void anAuditorMayNotTransfer() {
        assertThat(transfer(ResourceTier.AUDITOR, Catalog.STORE, Catalog.OTHER_STORE, Catalog.PRODUCT).getStatus()).isEqualTo(403);
        assertThat(QUEUE.published()).isEmpty();
    }

    @Test
    void anUnreachableQueueIs503WithRetryAfter() {
        QUEUE.down();

        Response response = transfer(ResourceTier.CLERK, Catalog.STORE, Catalog.OTHER_STORE, Catalog.PRODUCT);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
    }
}
