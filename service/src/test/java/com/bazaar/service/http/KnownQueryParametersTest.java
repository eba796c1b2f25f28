package com.bazaar.service.http;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.bazaar.movement.LedgerDao;
import com.bazaar.service.movement.MovementResource;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.tier.ResourceTier;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Unknown query parameters are a 400 naming them, on every resource (the check is part of the foundation). */
@ExtendWith(DropwizardExtensionsSupport.class)
class KnownQueryParametersTest {
    static final LedgerDao LEDGER = mock(LedgerDao.class);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new MovementResource(LEDGER, Reads.primaryOnly(LEDGER)))
            .build();

    @Test
    void aTypoInAFilterIs400NamingItInsteadOfUnfilteredData() {
        Response response = as(ResourceTier.AUDITOR, RESOURCES.target("/stock-movements").queryParam("storeid", 1)).get();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("Unknown query parameter 'storeid'; this path takes cursor, endDate, "
                + "limit, offset, productId, startDate, status, storeId, type");
        verifyNoInteractions(LEDGER);
    }

    @Test
    void aPathWithoutQueryParametersRefusesAnyAndNamesEach() {
        Response response = as(ResourceTier.AUDITOR, RESOURCES.target("/stock-movements/" + UUID.randomUUID())
                .queryParam("b", 1).queryParam("a", 2)).get();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).isEqualTo("Unknown query parameters 'a', 'b'; this path takes none");
        verifyNoInteractions(LEDGER);
    }

    @Test
    void anAnonymousRequestStillGets401First() {
        Response response = RESOURCES.target("/stock-movements").queryParam("storeid", 1).request().get();

        assertThat(response.getStatus()).isEqualTo(401);
    }

    @Test
    void knownNamesPassAndUnknownOnesAreListedOnceInOrder() {
        Set<String> known = Set.of("storeId", "limit");
        assertThat(KnownQueryParameters.unknown(known, List.of("limit", "storeId"))).isEmpty();
        assertThat(KnownQueryParameters.unknown(known, List.of("zeta", "storeid", "limit", "zeta"))).containsExactly("storeid", "zeta");
    }
}
