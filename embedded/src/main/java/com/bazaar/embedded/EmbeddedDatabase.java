package com.bazaar.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from the zonky binaries, listening on 127.0.0.1, with a {@value #NAME} database owned by
 * {@value #OWNER} (who runs the migrations) and used by {@value #APPLICATION_USER} (service and worker, a member of
 * {@value #APPLICATION_ROLE}, which migration 010 grants what they need). Every role logs in without a password: the
 * server trusts connections from 127.0.0.1 (initdb's default here) and listens nowhere else.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String NAME = "bazaar";
    /** The superuser: replication, and tests that act behind the application's back. */
    public static final String USER = "postgres";
    public static final String OWNER = "bazaar_owner";
    public static final String APPLICATION_USER = "bazaar_app";
    public static final String APPLICATION_ROLE = "bazaar_application";

    /**
     * The roles, and the database and its schema owned by the owner; idempotent. What a data directory migrated as
     * the superuser (before the roles existed) holds is handed to the owner. The same steps for a database of one's
     * own: docs/OPERATIONS.md, "Database roles".
     */
    private static final String ROLES = """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s LOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%3$s') THEN CREATE ROLE %3$s NOLOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN CREATE ROLE %2$s LOGIN; END IF;
            END
            $$;
            GRANT %3$s TO %2$s;
            ALTER DATABASE %4$s OWNER TO %1$s;
            ALTER SCHEMA public OWNER TO %1$s;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            DO $$
            DECLARE
                r record;
            BEGIN
                FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                           AND c.relowner <> '%1$s'::regrole LOOP
                    EXECUTE format('ALTER TABLE %%s OWNER TO %1$s', r.name);
                END LOOP;
                FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname = 'public' AND p.proowner <> '%1$s'::regrole LOOP
                    EXECUTE format('ALTER FUNCTION %%s OWNER TO %1$s', r.name);
                END LOOP;
            END
            $$;
            """.formatted(OWNER, APPLICATION_USER, APPLICATION_ROLE, NAME);

    /**
     * {@code DURABLE} is what a development stack needs: a commit survives a power loss. {@code FAST} is
     * zonky's default (fsync and synchronous_commit off), for throwaway test databases.
     */
    public enum Durability { DURABLE, FAST }

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives across restarts; null for a throwaway one
     * @param port          0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, Durability durability)
            throws IOException, SQLException {
        EmbeddedDatabase database = new EmbeddedDatabase(builder(dataDirectory, port, durability).start());
        database.createDatabaseIfMissing();
        database.prepareRoles();
        return database;
    }

    /**
     * The server settings of a primary and of its streaming replica alike: a hot standby refuses to start with
     * a lower {@code max_connections} than its primary's. Replication itself needs nothing beyond PostgreSQL's
     * defaults ({@code wal_level=replica}, {@code max_wal_senders=10}, and initdb's pg_hba.conf, which trusts
     * replication connections from 127.0.0.1); a replication slot keeps at most {@code max_slot_wal_keep_size} of
     * WAL for a standby that went away.
     */
    static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, Durability durability) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("max_slot_wal_keep_size", "1GB");
        if (durability == Durability.DURABLE) {
            // zonky starts the postmaster with -F; a -c option given after it wins.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (dataDirectory != null) {
            stopOrphan(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (port != 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /** A throwaway, fast database for tests. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException, SQLException {
        return start(dataDirectory, port, Durability.FAST);
    }

    /**
     * The postmaster runs as a process of its own: when the JVM that started it was killed, it is still
     * serving this data directory. Shut it down (fast: roll back open transactions, which is what a crash
     * would have done) so that this start owns the directory again.
     */
    static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (postmaster.isEmpty() || !postmaster.get().isAlive()
                || !postmaster.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            return;
        }
        System.out.println("Stopping the PostgreSQL left running from an earlier start (pid " + postmaster.get().pid() + ")");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).inheritIO().start().waitFor();
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("could not stop the PostgreSQL still running on " + dataDirectory, e);
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + NAME);
            }
        }
    }

    private void prepareRoles() throws SQLException {
        try (Connection connection = postgres.getDatabase(USER, NAME).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(ROLES);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + NAME;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
