package com.bazaar.bench;

import com.bazaar.movement.LedgerDao;
import com.bazaar.db.WireNameEnums;
import com.bazaar.movement.MovementFilter;
import com.bazaar.movement.MovementStatus;
import com.bazaar.movement.MovementType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Prints the plan and execution time PostgreSQL gives the movement report and its count for every
 * combination of filters, on whatever ledger the database holds: {@code EXPLAIN ANALYZE} of the very
 * SQL text of {@link LedgerDao}, with values taken from the latest movement (by occurredAt) of each status.
 * Arguments: [jdbc url] [user] [password], defaulting to the database that {@code ./bazaar up} starts.
 */
public final class ReportPlans {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Jdbi jdbi = Jdbi.create(arg(args, 0, "jdbc:postgresql://127.0.0.1:55432/bazaar"), arg(args, 1, "postgres"), arg(args, 2, ""))
                .installPlugin(new WireNameEnums());
        String report = sql("report", MovementFilter.class, int.class, long.class);
        String count = sql("count", MovementFilter.class, int.class);
        try (Handle db = jdbi.open()) {
            System.out.printf("ledger: %d rows%n%n", db.createQuery("SELECT count(*) FROM stock_movements").mapTo(Long.class).one());
            System.out.println("| status | store | product | type | dates | report: scans | ms | count: scans | ms | matching |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (MovementStatus status : MovementStatus.values()) {
                Map<String, Object> newest = db.createQuery("""
                        SELECT store_id, product_id, type, occurred_at FROM stock_movements
                        WHERE status = :status ORDER BY occurred_at DESC, id DESC LIMIT 1""").bind("status", status).mapToMap().one();
                Instant end = ((java.sql.Timestamp) newest.get("occurred_at")).toInstant();
                for (int mask = 0; mask < 16; mask++) {
                    var filter = new MovementFilter(
                            (mask & 1) != 0 ? (Long) newest.get("store_id") : null,
                            (mask & 2) != 0 ? (Long) newest.get("product_id") : null,
                            (mask & 4) != 0 ? WireNameEnums.parse(MovementType.class, (String) newest.get("type")) : null,
                            status,
                            (mask & 8) != 0 ? end.minus(Duration.ofDays(1)) : null,
                            (mask & 8) != 0 ? end : null);
                    JsonNode reportPlan = explain(db, report, filter);
                    JsonNode countPlan = explain(db, count, filter);
                    System.out.printf("| %s | %s | %s | %s | %s | %s | %.2f | %s | %.2f | %s |%n", status,
                            mark(filter.storeId()), mark(filter.productId()), mark(filter.type()), mark(filter.startDate()),
                            scans(reportPlan), reportPlan.get("Execution Time").asDouble(),
                            scans(countPlan), countPlan.get("Execution Time").asDouble(),
                            countPlan.at("/Plan/Plans/0/Actual Rows").asLong());
                }
            }
        }
    }

    private static JsonNode explain(Handle db, String sql, MovementFilter filter) throws Exception {
        String plan = db.createQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                .bindMethods("f", filter).bind("limit", 20).bind("offset", 0L).bind("cap", 10_001)
                .mapTo(String.class).one();
        return JSON.readTree(plan).get(0);
    }

    /** The scan nodes of a plan, with their index, e.g. "Index Scan store_occurred_idx". */
    private static String scans(JsonNode result) {
        var found = new TreeSet<String>();
        List<JsonNode> pending = new ArrayList<>(List.of(result.get("Plan")));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            String type = node.get("Node Type").asText();
            if (type.contains("Scan")) {
                String index = node.path("Index Name").asText("");
                found.add(type + (index.isEmpty() ? " " + node.path("Relation Name").asText() : " " + index.replace("stock_movements_", "")));
            }
            node.path("Plans").forEach(pending::add);
        }
        return String.join(", ", found);
    }

    private static String mark(Object filterValue) {
        return filterValue == null ? "" : "x";
    }

    private static String sql(String method, Class<?>... parameters) throws NoSuchMethodException {
        return LedgerDao.class.getMethod(method, parameters).getAnnotation(SqlQuery.class).value();
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
