package com.bazaar.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/** The one way both processes build their Jdbi: Dropwizard's pool, health check and metrics, plus JSON columns. */
public final class Databases {
    private static final String HEALTH_CHECK = "postgresql";

    private Databases() {
    }

    public static Jdbi jdbi(Environment environment, DataSourceFactory database) {
        Jdbi jdbi = build(environment, database, HEALTH_CHECK);
        environment.healthChecks().register(HEALTH_CHECK, new DatabaseHealthCheck(jdbi, database.getUrl()));
        return jdbi;
    }

    /**
     * The same for a second database (a read replica): its pool's metrics under {@code name}, and no health check,
     * which the caller registers under {@code name} to say what the database's state means.
     */
    public static Jdbi jdbi(Environment environment, DataSourceFactory database, String name) {
        return build(environment, database, name);
    }

    private static Jdbi build(Environment environment, DataSourceFactory database, String name) {
        Jdbi jdbi = new JdbiFactory().build(environment, database, name);
        environment.healthChecks().unregister(name);
        jdbi.installPlugin(new Jackson2Plugin()).installPlugin(new WireNameEnums());
        jdbi.getConfig(Jackson2Config.class).setMapper(environment.getObjectMapper());
        return jdbi;
    }

    /**
     * Describes these SqlObject types once, on the Jdbi's own configuration, for a caller that attaches them to a
     * handle many times a second. Jdbi 3.51 (Dropwizard 5's) caches that description per configuration, and a
     * handle works on a copy of the Jdbi's, so {@code Handle.attach} described the type again on every call and
     * threw the result away with the handle (jdbi#2991, fixed in 3.55.0): 9% of the worker's CPU in a drain.
     * A handle's copy starts from the Jdbi's entries, so these are found there.
     */
    public static void describeSqlObjects(Jdbi jdbi, Class<?>... types) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory sqlObjects = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
        for (Class<?> type : types) {
            extensions.findMetadata(type, sqlObjects);
        }
    }

    /** What the database (or the driver) said last in {@code e}'s chain of causes, on one line, for a log or a check. */
    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.join(" ", String.valueOf(cause.getMessage()).lines().map(String::strip).toList());
    }

    /**
     * True when {@code e} says the database cannot do its work now, whatever the statement: it could not be reached
     * or went away (no connection from the pool, SQLSTATE class 08 or 57P), or it ran out of a resource or failed
     * at I/O (class 53, e.g. 53100 disk full, and class 58), as opposed to a statement that failed on a database
     * that works. The same statement can succeed once the database is well again.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && isUnavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53")
                || sqlState.startsWith("58");
    }
}
