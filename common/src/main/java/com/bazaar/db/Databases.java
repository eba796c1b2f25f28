package com.bazaar.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;

/** The one way both processes build their Jdbi: Dropwizard's pool, health check and metrics, plus JSON columns. */
public final class Databases {
    private Databases() {
    }

    public static Jdbi jdbi(Environment environment, DataSourceFactory database) {
        Jdbi jdbi = new JdbiFactory().build(environment, database, "postgresql");
        jdbi.installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(environment.getObjectMapper());
        return jdbi;
    }
}
