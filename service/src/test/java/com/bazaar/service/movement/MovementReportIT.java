package com.bazaar.service.movement;

import static com.bazaar.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.service.ServiceConfiguration;
import com.bazaar.service.ServiceTestApp;
import com.bazaar.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /stock-movements against a ledger seeded here: filters, order, paging and every 400. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MovementReportIT {
    static final DropwizardAppExtension<ServiceConfiguration> APP = ServiceTestApp.extension();
    static final Jdbi DB = ServiceTestApp.database();
    static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    static long storeA;
    static long storeB;
    static long product;
    static String productName;

    /** Store A: 5 applied movements, one per hour from DAY (in, out, in, manual, in), and 1 rejected; store B: 1 applied. */
    @BeforeAll
    static void seed() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        storeA = admin.newStore();
        storeB = admin.newStore();
        productName = "Report product " + UUID.randomUUID();
        product = json(admin.post("/products", "{\"name\": \"" + productName + "\"}")).get("productId").asLong();
        String[] types = {"in", "out", "in", "manual", "in"};
        for (int hour = 0; hour < types.length; hour++) {
            insert(storeA, types[hour], "applied", DAY.plusSeconds(3600L * hour));
        }
        insert(storeA, "out", "rejected", DAY.plusSeconds(1800));
        insert(storeB, "in", "applied", DAY);
    }

    static void insert(long store, String type, String status, Instant occurredAt) {
        DB.useHandle(h -> h.createUpdate("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status,
                                             rejection_reason, actor, source, occurred_at, applied_at)
                VALUES (:id, :store, :product, :type, 2, CASE :type WHEN 'in' THEN 2 ELSE -2 END, :status,
                        CASE :status WHEN 'rejected' THEN 'insufficient stock' END, 'seed', 'api', :at, :at)""")
                .bind("id", UUID.randomUUID()).bind("store", store).bind("product", product).bind("type", type)
                .bind("status", status).bind("at", occurredAt).execute());
    }

    HttpResponse<String> report(String query) {
        return Api.at(APP.getLocalPort()).as(ServiceTestApp.CLERK).get("/stock-movements?" + query);
    }

    JsonNode ok(String query) {
        HttpResponse<String> response = report(query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static List<String> occurredAts(JsonNode page) {
        List<String> times = new ArrayList<>();
        page.get("movements").forEach(m -> times.add(m.get("occurredAt").asText()));
        return times;
    }

    @Test
    void listsAppliedMovementsNewestFirstWithStoreAndProduct() {
        JsonNode page = ok("storeId=" + storeA);

        assertThat(page.get("totalItems").asLong()).isEqualTo(5);
        assertThat(page.get("totalItemsExact").asBoolean()).isTrue();
        assertThat(page.get("totalPages").asLong()).isEqualTo(1);
        assertThat(page.get("currentPage").asLong()).isEqualTo(1);
        assertThat(occurredAts(page)).containsExactly("2026-03-01T04:00:00Z", "2026-03-01T03:00:00Z",
                "2026-03-01T02:00:00Z", "2026-03-01T01:00:00Z", "2026-03-01T00:00:00Z");
        JsonNode first = page.at("/movements/0");
        assertThat(first.at("/store/id").asLong()).isEqualTo(storeA);
        assertThat(first.at("/product/name").asText()).isEqualTo(productName);
        assertThat(first.get("status").asText()).isEqualTo("applied");
    }

    @Test
    void filtersByTypeStatusProductAndDateRangeInclusive() {
        assertThat(ok("storeId=" + storeA + "&type=in").get("totalItems").asLong()).isEqualTo(3);
        assertThat(ok("storeId=" + storeA + "&type=manual").get("totalItems").asLong()).isEqualTo(1);
        JsonNode rejected = ok("storeId=" + storeA + "&status=rejected");
        assertThat(rejected.get("totalItems").asLong()).isEqualTo(1);
        assertThat(rejected.at("/movements/0/rejectionReason").asText()).isEqualTo("insufficient stock");
        assertThat(ok("productId=" + product).get("totalItems").asLong()).isEqualTo(6);
        assertThat(occurredAts(ok("storeId=" + storeA + "&startDate=2026-03-01T01:00:00Z&endDate=2026-03-01T03:00:00%2B00:00")))
                .containsExactly("2026-03-01T03:00:00Z", "2026-03-01T02:00:00Z", "2026-03-01T01:00:00Z");
        JsonNode empty = ok("storeId=" + storeA + "&startDate=2027-01-01T00:00:00Z");
        assertThat(empty.get("totalItems").asLong()).isZero();
        assertThat(empty.get("totalPages").asLong()).isZero();
        assertThat(empty.get("movements")).isEmpty();
    }

    @Test
    void pagesWithLimitAndOffsetIncludingTheBoundaries() {
        JsonNode second = ok("storeId=" + storeA + "&limit=2&offset=2");
        assertThat(second.get("totalPages").asLong()).isEqualTo(3);
        assertThat(second.get("currentPage").asLong()).isEqualTo(2);
        assertThat(occurredAts(second)).containsExactly("2026-03-01T02:00:00Z", "2026-03-01T01:00:00Z");

        JsonNode one = ok("storeId=" + storeA + "&limit=1");
        assertThat(one.get("movements")).hasSize(1);
        assertThat(one.get("totalPages").asLong()).isEqualTo(5);
        assertThat(ok("storeId=" + storeA + "&limit=100").get("movements")).hasSize(5);

        JsonNode pastTheEnd = ok("storeId=" + storeA + "&offset=50");
        assertThat(pastTheEnd.get("totalItems").asLong()).isEqualTo(5);
        assertThat(pastTheEnd.get("currentPage").asLong()).isEqualTo(3);
        assertThat(pastTheEnd.get("movements")).isEmpty();
    }

    @Test
    void countsUpToTheWindowAndPagesNoFurtherThanIt() {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long busyStore = admin.newStore();
        long busyProduct = admin.newProduct();
        DB.useHandle(h -> h.createUpdate("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor,
                                             source, occurred_at, applied_at)
                SELECT gen_random_uuid(), :store, :product, 'in', 1, 1, 'applied', 'seed', 'sqs',
                       CAST(:day AS timestamptz) + i * interval '1 second', CAST(:day AS timestamptz) + i * interval '1 second'
                FROM generate_series(1, 10001) AS i""")
                .bind("store", busyStore).bind("product", busyProduct).bind("day", DAY).execute());

        JsonNode capped = ok("storeId=" + busyStore);
        assertThat(capped.get("totalItems").asLong()).isEqualTo(10_000);
        assertThat(capped.get("totalItemsExact").asBoolean()).isFalse();
        assertThat(capped.get("totalPages").asLong()).isEqualTo(500);
        JsonNode lastPage = ok("storeId=" + busyStore + "&limit=100&offset=9900");
        assertThat(lastPage.get("movements")).hasSize(100);
        assertThat(lastPage.get("currentPage").asLong()).isEqualTo(100);
        assertThat(report("storeId=" + busyStore + "&limit=100&offset=9901").statusCode()).isEqualTo(400);

        JsonNode narrowed = ok("storeId=" + busyStore + "&startDate=2026-03-01T00:00:01Z&endDate=2026-03-01T00:16:40Z");
        assertThat(narrowed.get("totalItems").asLong()).isEqualTo(1000);
        assertThat(narrowed.get("totalItemsExact").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "offset=-1", "offset=x", "offset=9981", "limit=100&offset=9901",
        "storeId=0", "storeId=abc",
        "productId=-3", "type=sold", "status=pending", "startDate=yesterday", "endDate=2026-03-01",
        "startDate=2026-03-02T00:00:00Z&endDate=2026-03-01T00:00:00Z"})
    void malformedOrOutOfRangeParametersAre400NamingThem(String query) {
        HttpResponse<String> response = report(query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        String name = query.substring(0, query.indexOf('='));
        assertThat(json(response).get("message").asText()).contains(name);
    }

    @Test
    void anAuditorMayReadTheReport() {
        assertThat(Api.at(APP.getLocalPort()).as(ServiceTestApp.AUDITOR).get("/stock-movements").statusCode()).isEqualTo(200);
    }

    /** Rows of a new store: {@code count} movements, occurredAt shared by runs of five (ties the ledger id breaks). */
    static long busyStore(int count) {
        Api admin = Api.at(APP.getLocalPort()).as(ServiceTestApp.ADMIN);
        long store = admin.newStore();
        long product = admin.newProduct();
        DB.useHandle(h -> h.createUpdate("""
                INSERT INTO stock_movements (movement_id, store_id, product_id, type, quantity, delta, status, actor,
                                             source, occurred_at, applied_at)
                SELECT gen_random_uuid(), :store, :product, 'in', 1, 1, 'applied', 'seed', 'sqs',
                       CAST(:day AS timestamptz) + (i / 5) * interval '1 second', now()
                FROM generate_series(1, :count) AS i""")
                .bind("store", store).bind("product", product).bind("day", DAY).bind("count", count).execute());
        DB.useHandle(h -> h.execute("ANALYZE stock_movements"));
        return store;
    }

    @Test
    void followingCursorsWalksTheWholeFilteredReportOnceInOrder() {
        long store = busyStore(103);
        List<String> everything = new ArrayList<>();
        ok("storeId=" + store + "&limit=100").get("movements").forEach(m -> everything.add(m.get("id").asText()));
        ok("storeId=" + store + "&limit=100&offset=100").get("movements").forEach(m -> everything.add(m.get("id").asText()));

        List<String> walked = new ArrayList<>();
        JsonNode page = ok("storeId=" + store + "&limit=7");
        assertThat(page.has("totalItems")).as("the first page is an offset page, with totals").isTrue();
        int pages = 1;
        while (true) {
            page.get("movements").forEach(m -> walked.add(m.get("id").asText()));
            if (page.get("nextCursor").isNull()) {
                break;
            }
            page = ok("storeId=" + store + "&limit=7&cursor=" + page.get("nextCursor").asText());
            assertThat(page.has("totalItems")).isFalse();
            pages++;
        }

        assertThat(everything).hasSize(103).doesNotHaveDuplicates();
        assertThat(walked).containsExactlyElementsOf(everything);
        assertThat(pages).isEqualTo(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cursor=nonsense", "cursor=djI6MTox", "cursor=djE6eDox", "cursor=&limit=5",
            "cursor=djE6MTAwMDAwMDAwMDAwMDoy&offset=20"})
    void aCursorThisApiDidNotGiveIs400(String query) {
        HttpResponse<String> response = report(query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).containsAnyOf("cursor");
    }

    /** Keyset paging reads about as many index pages at depth 99,000 as on page 1; an offset reads them all. */
    @Test
    void aPageByCursorCostsTheSameAtAnyDepth() throws Exception {
        long store = busyStore(100_000);
        record Position(String occurredAt, long id) {
        }
        Position deep = DB.withHandle(h -> h.createQuery("""
                SELECT occurred_at::text, id FROM stock_movements WHERE store_id = :store
                ORDER BY occurred_at DESC, id DESC OFFSET 99000 LIMIT 1""").bind("store", store)
                .map((rs, ctx) -> new Position(rs.getString(1), rs.getLong(2))).one());
        String page = "SELECT m.id FROM stock_movements m WHERE m.status = 'applied' AND m.store_id = " + store;
        String order = " ORDER BY m.occurred_at DESC, m.id DESC LIMIT 21";

        long first = buffers(page + order);
        long byCursor = buffers(page + " AND (m.occurred_at, m.id) < ('" + deep.occurredAt() + "', " + deep.id() + ")" + order);
        long byOffset = buffers(page + order + " OFFSET 99000");

        assertThat(byCursor).as("buffers at depth 99,000 by cursor vs page 1 (%d)", first).isLessThanOrEqualTo(first * 2 + 4);
        assertThat(byOffset).as("by offset").isGreaterThan(first * 20);
    }

    private static long buffers(String query) throws Exception {
        String plan = DB.withHandle(h -> h.createQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query)
                .mapTo(String.class).one());
        JsonNode top = Api.JSON.readTree(plan).get(0).get("Plan");
        return top.get("Shared Hit Blocks").asLong() + top.get("Shared Read Blocks").asLong();
    }
}
