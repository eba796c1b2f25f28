package com.bazaar.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A hot standby of an embedded primary on this machine, fed by streaming replication: a base backup of the
 * primary (see {@link BaseBackup}) in a data directory of its own, with {@code standby.signal} and
 * {@code primary_conninfo}, started with the zonky binaries' {@code pg_ctl}. A physical replication slot on the
 * primary keeps the WAL the standby has not received yet, from the backup's start on. Started again on the same
 * directory it resumes streaming where it stopped; a new base backup is made only when the directory holds no
 * standby or the primary no longer keeps its slot's WAL.
 */
public final class StreamingReplica implements AutoCloseable {
    public static final String SLOT = "bazaar_replica";

    private final EmbeddedPostgres postgres;

    private StreamingReplica(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param primaryPort the primary, on 127.0.0.1, whose {@value EmbeddedDatabase#USER} user may replicate
     * @param port        0 for any free port
     */
    public static StreamingReplica start(int primaryPort, Path dataDirectory, int port,
                                         EmbeddedDatabase.Durability durability) throws IOException, SQLException {
        EmbeddedDatabase.stopOrphan(dataDirectory);
        try (Connection primary = connect(primaryPort)) {
            if (!Files.exists(dataDirectory.resolve("standby.signal")) || !slotKept(primary)) {
                System.out.println("Making a base backup of the primary on port " + primaryPort + " in " + dataDirectory);
                deleteRecursively(dataDirectory);
                execute(primary, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                        + "WHERE slot_name = '" + SLOT + "'");
                // Reserved now, before the backup starts: the WAL from the backup's checkpoint on stays on the primary.
                execute(primary, "SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
                BaseBackup.take(primary, dataDirectory);
                Files.writeString(dataDirectory.resolve("standby.signal"), "");
                Files.writeString(dataDirectory.resolve("postgresql.auto.conf"),
                        "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=" + EmbeddedDatabase.USER
                                + " application_name=" + SLOT + "'\nprimary_slot_name = '" + SLOT + "'\n",
                        StandardOpenOption.APPEND);
            }
        }
        return new StreamingReplica(EmbeddedDatabase.builder(dataDirectory, port, durability).start());
    }

    /** A slot the primary still keeps WAL for ({@code lost}: it passed {@code max_slot_wal_keep_size}). */
    private static boolean slotKept(Connection primary) throws SQLException {
        try (PreparedStatement statement = primary.prepareStatement(
                "SELECT wal_status <> 'lost' FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, SLOT);
            try (ResultSet slot = statement.executeQuery()) {
                return slot.next() && slot.getBoolean(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(int primaryPort) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {primaryPort});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser(EmbeddedDatabase.USER);
        return dataSource.getConnection();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + EmbeddedDatabase.NAME;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
