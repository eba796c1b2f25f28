package com.bazaar.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A base backup of a PostgreSQL running on this machine, made as pg_basebackup makes one (the zonky binaries
 * have no pg_basebackup): PostgreSQL's low-level backup API around a plain copy of its data directory. In
 * backup mode the primary writes whole pages to the WAL after its checkpoint, so files copied while they
 * change are repaired by replaying the WAL from the checkpoint that the backup label names.
 */
final class BaseBackup {
    private static final String LABEL = "bazaar-replica";
    /** Directories whose contents are the running server's own, copied empty (as pg_basebackup does). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** The running server's files, zonky's lock and anything a backup label would be confused with. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "postgresql.auto.conf.tmp");

    private BaseBackup() {
    }

    /**
     * Copies the data directory of the server {@code primary} is connected to (a superuser session, which stays
     * open for the whole backup: a non-exclusive backup ends with it) into {@code target}, which must not exist,
     * and writes the backup label that tells a server started on the copy where to begin replaying WAL.
     */
    static void take(Connection primary, Path target) throws SQLException, IOException {
        Path source = Path.of(single(primary, "SHOW data_directory"));
        try (Stream<Path> tablespaces = Files.list(source.resolve("pg_tblspc"))) {
            if (tablespaces.findAny().isPresent()) {
                throw new IOException("the primary has tablespaces outside its data directory; this copy would miss them");
            }
        }
        boolean from15 = primary.getMetaData().getDatabaseMajorVersion() >= 15;
        // Fast checkpoint; non-exclusive (the exclusive mode is gone in PostgreSQL 15).
        single(primary, from15 ? "SELECT pg_backup_start('" + LABEL + "', true)::text"
                : "SELECT pg_start_backup('" + LABEL + "', true, false)::text");
        copy(source, target);
        // No WAL archive to wait for: the standby streams the WAL it needs, which its replication slot keeps.
        String stop = from15 ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)"
                : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, false)";
        try (Statement statement = primary.createStatement(); ResultSet stopped = statement.executeQuery(stop)) {
            stopped.next();
            Files.writeString(target.resolve("backup_label"), stopped.getString("labelfile"));
            String tablespaceMap = stopped.getString("spcmapfile");
            if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                Files.writeString(target.resolve("tablespace_map"), tablespaceMap);
            }
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(directory).toString());
                if (!directory.equals(source)) {
                    Files.createDirectories(copy);
                }
                if (EMPTIED.contains(directory.getFileName().toString()) && directory.getParent().equals(source)) {
                    if (directory.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(copy.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                boolean skipped = (SKIPPED.contains(name) && file.getParent().equals(source))
                        || name.startsWith("pgsql_tmp") || name.equals("pg_internal.init");
                if (!skipped) {
                    try {
                        Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException removedMeanwhile) {
                        // Dropped by the server during the copy (a temporary relation, say): the WAL says so too.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
