package com.bazaar.service.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadDatabaseConfigurationTest {

    static DataSourceFactory primary() {
        DataSourceFactory primary = new DataSourceFactory();
        primary.setDriverClass("org.postgresql.Driver");
        primary.setUrl("jdbc:postgresql://db.internal:5432/bazaar?sslmode=require");
        primary.setUser("bazaar");
        primary.setPassword("secret");
        primary.setMaxSize(32);
        primary.setMaxWaitForConnection(Duration.seconds(2));
        primary.setProperties(Map.of("ApplicationName", "bazaar", "connectTimeout", "5"));
        return primary;
    }

    @Test
    void withoutAHostThereIsNoReplica() {
        ReadDatabaseConfiguration configuration = new ReadDatabaseConfiguration();
        assertThat(configuration.isConfigured()).isFalse();
        configuration.setHost(" ");
        assertThat(configuration.isConfigured()).isFalse();
    }

    @Test
    void theReplicaTakesThePrimarysNameCredentialsAndPoolUnlessItsOwnAreGiven() {
        ReadDatabaseConfiguration configuration = new ReadDatabaseConfiguration();
        configuration.setHost("replica.internal");
        configuration.setPort(6432);

        DataSourceFactory replica = configuration.dataSource(primary());

        assertThat(replica.getUrl()).isEqualTo("jdbc:postgresql://replica.internal:6432/bazaar?sslmode=require");
        assertThat(replica.getUser()).isEqualTo("bazaar");
        assertThat(replica.getPassword()).isEqualTo("secret");
        assertThat(replica.getMaxSize()).isEqualTo(32);
        assertThat(replica.getMaxWaitForConnection()).isEqualTo(Duration.seconds(2));
        assertThat(replica.getProperties()).containsEntry("connectTimeout", "5");

        configuration.setName("bazaar_ro");
        configuration.setUser("reader");
        configuration.setPassword("other");
        DataSourceFactory own = configuration.dataSource(primary());
        assertThat(own.getUrl()).isEqualTo("jdbc:postgresql://replica.internal:6432/bazaar_ro?sslmode=require");
        assertThat(own.getUser()).isEqualTo("reader");
        assertThat(own.getPassword()).isEqualTo("other");
    }
}
