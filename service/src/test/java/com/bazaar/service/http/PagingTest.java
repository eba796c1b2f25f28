package com.bazaar.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PagingTest {
    @Test
    void totalsOfAPageWithinTheWindow() {
        var page = Paging.page(10, 20, upTo -> 45, () -> List.of("row"));
        assertThat(page.totals()).isEqualTo(new Paging.Totals(45, true, 5, 3));
        assertThat(page.rows()).containsExactly("row");
    }

    @Test
    void pastTheWindowTheCountIsALowerBound() {
        var page = Paging.page(100, 0, upTo -> upTo, List::of);
        assertThat(page.totals()).isEqualTo(new Paging.Totals(10_000, false, 100, 1));
    }

    @Test
    void anOffsetPastTheMatchesFetchesNoRows() {
        AtomicBoolean fetched = new AtomicBoolean();
        var page = Paging.page(10, 50, upTo -> 50, () -> {
            fetched.set(true);
            return List.of("row");
        });
        assertThat(page.rows()).isEmpty();
        assertThat(fetched).isFalse();
        assertThat(page.totals().currentPage()).isEqualTo(6);
    }

    @Test
    void aPageBeyondTheWindowIsABadRequestBeforeAnythingIsCounted() {
        assertThatThrownBy(() -> Paging.page(100, 9_901, upTo -> {
            throw new AssertionError("counted");
        }, List::of)).isInstanceOf(BadRequestException.class).hasMessageContaining("offset + limit must not exceed 10000");
        assertThat(Paging.page(100, 9_900, upTo -> 0, List::of).rows()).isEmpty();
    }

    @Test
    void parametersAreParsedOrRefusedNamingThemselves() {
        assertThat(Paging.positiveId("storeId", null)).isNull();
        assertThat(Paging.positiveId("storeId", "7")).isEqualTo(7L);
        for (String bad : List.of("0", "-1", "x", "1.5", "99999999999999999999")) {
            assertThatThrownBy(() -> Paging.positiveId("storeId", bad)).isInstanceOf(BadRequestException.class)
                    .hasMessage("storeId must be a positive integer (got " + bad + ")");
        }
        assertThat(Paging.instant("startDate", "2026-11-24T10:15:30+01:00")).isEqualTo(Instant.parse("2026-11-24T09:15:30Z"));
        assertThatThrownBy(() -> Paging.instant("startDate", "2026-11-24")).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("startDate must be an ISO-8601 timestamp");
        assertThat(Paging.oneOf("lowStock", "true", List.of("true", "false"))).isEqualTo("true");
        assertThatThrownBy(() -> Paging.oneOf("lowStock", "yes", List.of("true", "false")))
                .hasMessage("lowStock must be one of true, false (got yes)");
        assertThatThrownBy(() -> Paging.text("reason", "a\u0000b")).hasMessage("reason must not contain control characters");
    }

    @Test
    void aRangeMustNotEndBeforeItStarts() {
        Paging.requireOrdered(Instant.EPOCH, Instant.EPOCH);
        Paging.requireOrdered(null, Instant.EPOCH);
        assertThatThrownBy(() -> Paging.requireOrdered(Instant.EPOCH.plusSeconds(1), Instant.EPOCH))
                .hasMessage("startDate must not be after endDate");
    }
}
