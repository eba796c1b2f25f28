package com.bazaar.db;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/**
 * Healthy when the pool gives a connection that answers {@code SELECT 1}. It replaces Dropwizard's Jdbi check,
 * whose failure only says that it could not check in time, with the database's address and the cause.
 */
public class DatabaseHealthCheck extends HealthCheck {
    private final Jdbi jdbi;
    private final String url;

    public DatabaseHealthCheck(Jdbi jdbi, String url) {
        this.jdbi = jdbi;
        this.url = url;
    }

    @Override
    protected Result check() {
        try {
            jdbi.useHandle(handle -> handle.execute("SELECT 1"));
            return Result.healthy("PostgreSQL at %s answers", url);
        } catch (RuntimeException e) {
            return Result.unhealthy("PostgreSQL at %s unreachable: %s. Check that it runs and DB_HOST, DB_PORT, "
                    + "DB_USER and DB_PASS", url, Databases.rootMessage(e));
        }
    }
}
