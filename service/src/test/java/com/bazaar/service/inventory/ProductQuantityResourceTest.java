package com.bazaar.service.inventory;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.bazaar.inventory.InventoryDao;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.tier.Catalog;
import com.bazaar.service.tier.ResourceTier;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /products/{id}/quantity}, the Stage 1 total, on a fake DAO and catalog. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProductQuantityResourceTest {
    static final InventoryDao INVENTORY = mock(InventoryDao.class);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new ProductQuantityResource(Catalog.ids(), Reads.primaryOnly(INVENTORY)))
            .build();

    @BeforeEach
    void freshDao() {
        reset(INVENTORY);
    }

    @Test
    void theTotalOverAllStores() {
        when(INVENTORY.totalQuantity(Catalog.PRODUCT)).thenReturn(42L);

        Response response = as(RESOURCES, ResourceTier.AUDITOR, "/products/1/quantity").get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(String.class)).isEqualTo("{\"productId\":1,\"currentQuantity\":42}");
    }

    @Test
    void anUnknownProductIs404AndAnIdThatIsNotAPositiveIntegerIs400AndNeitherReads() {
        Response missing = as(RESOURCES, ResourceTier.CLERK, "/products/" + Catalog.MISSING + "/quantity").get();
        Response zero = as(RESOURCES, ResourceTier.CLERK, "/products/0/quantity").get();
        Response word = as(RESOURCES, ResourceTier.CLERK, "/products/one/quantity").get();

        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(errorMessage(missing)).isEqualTo("Product 999999999 not found");
        assertThat(zero.getStatus()).isEqualTo(400);
        assertThat(word.getStatus()).isEqualTo(400);
        verifyNoInteractions(INVENTORY);
    }
}
