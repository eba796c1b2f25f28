package com.bazaar.service.audit;

import static com.bazaar.service.tier.ResourceTier.as;
import static com.bazaar.service.tier.ResourceTier.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.bazaar.audit.AuditDao;
import com.bazaar.audit.AuditFilter;
import com.bazaar.audit.AuditLog;
import com.bazaar.service.replica.Reads;
import com.bazaar.service.tier.ResourceTier;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /audit-logs}: who may read it, and the parameters it refuses before any query, on a fake DAO. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditLogResourceTest {
    static final AuditLog CREATED = new AuditLog(7, Instant.parse("2026-06-01T12:00:00Z"), "admin", "PRODUCT_CREATED",
            "product", "1", "{\"name\": \"Oat milk 1L\"}", "ab".repeat(32));
    static final AuditDao AUDIT = mock(AuditDao.class);
    static final ResourceExtension RESOURCES = ResourceTier.builder()
            .addResource(new AuditLogResource(Reads.primaryOnly(AUDIT)))
            .build();

    @BeforeEach
    void oneRow() {
        reset(AUDIT);
        when(AUDIT.count(any(), anyInt())).thenReturn(1L);
        when(AUDIT.find(any(), anyInt(), anyLong())).thenReturn(List.of(CREATED));
    }

    static WebTarget auditLogs() {
        return RESOURCES.target("/audit-logs");
    }

    @Test
    void anAuditorOrAnAdminReadsAPageAndAClerkMayNot() {
        Response auditor = as(ResourceTier.AUDITOR, auditLogs()).get();
        Response admin = as(ResourceTier.ADMIN, auditLogs()).get();
        Response clerk = as(ResourceTier.CLERK, auditLogs()).get();

        assertThat(auditor.getStatus()).isEqualTo(200);
        assertThat(auditor.readEntity(String.class)).startsWith("{\"totalItems\":1,\"totalItemsExact\":true,\"totalPages\":1,"
                + "\"currentPage\":1,\"auditLogs\":[{\"id\":7,").contains("\"details\":{\"name\": \"Oat milk 1L\"}");
        assertThat(admin.getStatus()).isEqualTo(200);
        assertThat(clerk.getStatus()).isEqualTo(403);
        assertThat(errorMessage(clerk)).isNotBlank();
    }

    @Test
    void theFiltersReachTheQueryParsed() {
        Response response = as(ResourceTier.AUDITOR, auditLogs().queryParam("entityType", "product")
                .queryParam("entityId", "1").queryParam("actionType", "PRODUCT_UPDATED")
                .queryParam("startDate", "2026-06-01T14:00:00+02:00").queryParam("limit", 5).queryParam("offset", 10)).get();

        assertThat(response.getStatus()).isEqualTo(200);
        var filter = new AuditFilter("product", "1", null, "PRODUCT_UPDATED", Instant.parse("2026-06-01T12:00:00Z"), null);
        verify(AUDIT).count(eq(filter), anyInt());
        assertThat(response.readEntity(String.class)).as("an offset past the matches reads no rows").contains("\"auditLogs\":[]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit       | 0                    | limit",
        "limit       | 101                  | limit",
        "limit       | ten                  | limit",
        "offset      | -1                   | offset",
        "entityType  | widget               | entityType must be one of",
        "actionType  | PRODUCT_DELETED      | actionType must be one of",
        "startDate   | yesterday            | startDate must be an ISO-8601 timestamp",
        "endDate     | 2026-06-01T12:00:00  | endDate must be an ISO-8601 timestamp",
        "entityId    | a\u0001b             | entityId must not contain control characters",
        "userId      | ''                   | userId",
    })
    void aBadParameterIs400NamingItAndQueriesNothing(String name, String value, String message) {
        Response response = as(ResourceTier.AUDITOR, auditLogs().queryParam(name, value)).get();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(errorMessage(response)).contains(message);
        verifyNoInteractions(AUDIT);
    }

    @Test
    void aStartAfterTheEndOrAPageBeyondTheWindowIs400() {
        Response reversed = as(ResourceTier.AUDITOR, auditLogs().queryParam("startDate", "2026-06-02T00:00:00Z")
                .queryParam("endDate", "2026-06-01T00:00:00Z")).get();
        Response beyond = as(ResourceTier.AUDITOR, auditLogs().queryParam("offset", 9990).queryParam("limit", 20)).get();

        assertThat(reversed.getStatus()).isEqualTo(400);
        assertThat(errorMessage(reversed)).isEqualTo("startDate must not be after endDate");
        assertThat(beyond.getStatus()).isEqualTo(400);
        assertThat(errorMessage(beyond)).startsWith("offset + limit must not exceed 10000");
        verifyNoInteractions(AUDIT);
    }
}
