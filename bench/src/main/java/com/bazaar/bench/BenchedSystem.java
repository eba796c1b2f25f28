package com.bazaar.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A system the steady-use run measures: this project's stack or the synchronous reference. */
interface BenchedSystem {
    String name();

    /** Starts it from nothing and returns once its API answers. */
    void launch() throws Exception;

    /** A store and {@code count} products through its API, for the load. */
    void setUp(int count) throws Exception;

    String movementUrl();

    /** A movement's JSON body with {@code %d} for the product: the seed's Stage 2 body, which both take. */
    default String movementBody() {
        return "{\"productId\": %d, \"type\": \"in\", \"quantity\": 1}";
    }

    long[] products();

    default String user() {
        return "admin";
    }

    String password();

    /** Movements it has applied to the run's store (committed where a reader sees them). */
    long applied() throws Exception;

    /** The one number {@code sql} counts for {@code store}. */
    static long count(Connection db, String sql, long store) throws SQLException {
        try (db; var query = db.prepareStatement(sql)) {
            query.setLong(1, store);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Map<String, List<ProcessHandle>> processes() throws Exception;

    void stop() throws Exception;
}
