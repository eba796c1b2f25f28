package com.bazaar.config;

import com.bazaar.ops.PrometheusBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;

/**
 * What both applications set up alike: ${ENV} substitution in config.yml, the {@code db} (Liquibase)
 * commands (as the migration role, {@link MigrationCredentials}) and the Prometheus endpoint.
 */
public final class BazaarBootstrap {
    private BazaarBootstrap() {
    }

    public static <T extends BazaarConfiguration> void configure(Bootstrap<T> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new MigrationsBundle<T>() {
            @Override
            public DataSourceFactory getDataSourceFactory(T configuration) {
                // Only the db commands ask: they run in a process of their own, which serves nothing.
                return configuration.getMigrations().applyTo(configuration.getDatabase());
            }
        });
        bootstrap.addBundle(new PrometheusBundle());
    }
}
