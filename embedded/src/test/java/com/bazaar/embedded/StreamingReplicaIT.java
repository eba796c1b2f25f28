package com.bazaar.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standby {@code ./bazaar up --replica} runs: a base backup of a live primary, then streaming replication.
 * Started again on its directory it resumes streaming instead of copying the primary again.
 */
class StreamingReplicaIT {
    @TempDir
    static Path directory;
    static EmbeddedDatabase primary;

    @BeforeAll
    static void startPrimary() throws Exception {
        primary = EmbeddedDatabase.start(directory.resolve("primary"), 0);
        execute(primary.jdbcUrl(), "CREATE TABLE notes (id int PRIMARY KEY, text text)",
                "INSERT INTO notes VALUES (1, 'before the base backup')");
    }

    @AfterAll
    static void stopPrimary() throws Exception {
        primary.close();
    }

    @Test
    void aStandbyReceivesWhatThePrimaryWritesAndResumesAfterARestart() throws Exception {
        Path replicaDirectory = directory.resolve("replica");
        try (StreamingReplica replica = StreamingReplica.start(primary.port(), replicaDirectory, 0,
                EmbeddedDatabase.Durability.FAST)) {
            assertThat(query(replica.jdbcUrl(), "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
            assertThat(query(replica.jdbcUrl(), "SELECT text FROM notes WHERE id = 1")).isEqualTo("before the base backup");

            execute(primary.jdbcUrl(), "INSERT INTO notes VALUES (2, 'streamed')");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(query(replica.jdbcUrl(), "SELECT text FROM notes WHERE id = 2")).isEqualTo("streamed"));
            assertThat(query(primary.jdbcUrl(), "SELECT state FROM pg_stat_replication WHERE application_name = '"
                    + StreamingReplica.SLOT + "'")).isEqualTo("streaming");
            assertThatThrownBy(() -> execute(replica.jdbcUrl(), "INSERT INTO notes VALUES (3, 'on the standby')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
        }

        Files.writeString(replicaDirectory.resolve("kept-across-restarts"), "");
        execute(primary.jdbcUrl(), "INSERT INTO notes VALUES (3, 'while the standby was down')");
        try (StreamingReplica replica = StreamingReplica.start(primary.port(), replicaDirectory, 0,
                EmbeddedDatabase.Durability.FAST)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    query(replica.jdbcUrl(), "SELECT text FROM notes WHERE id = 3")).isEqualTo("while the standby was down"));
            assertThat(replicaDirectory.resolve("kept-across-restarts")).as("no second base backup").exists();
            assertThat(query(replica.jdbcUrl(), "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
        } finally {
            execute(primary.jdbcUrl(), "SELECT pg_drop_replication_slot('" + StreamingReplica.SLOT + "')");
        }
    }

    static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
