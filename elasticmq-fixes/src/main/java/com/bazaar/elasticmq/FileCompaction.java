package com.bazaar.elasticmq;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What H2's background thread would do for the store's file, done from the store's writer thread: H2 rewrites the
 * live pages of sparse chunks only in that thread, which {@code WRITE_DELAY=0} turns off (see UPSTREAM.md, H2).
 * Without it a chunk that keeps one live page (a held message, a rarely written table, the chunk directory) keeps
 * its whole length, and the file grows with the messages that pass through, not with what it holds.
 */
final class FileCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(FileCompaction.class);
    private static final long PERIOD_NANOS = Duration.ofSeconds(1).toNanos();
    /** Compacts while less than this share of its chunks is live data, so they come to hold about twice that at most. */
    private static final int FILL_RATE = 50;
    /** Live data rewritten per period: a few milliseconds of the writer's time. */
    private static final int REWRITE_BYTES = 1 << 20;

    private long last = System.nanoTime();

    /** After a commit: at most once a period, rewrites the sparsest chunks' live pages, which frees the chunks. */
    void afterCommit(Connection connection) {
        long now = System.nanoTime();
        if (now - last < PERIOD_NANOS) {
            return;
        }
        last = now;
        try {
            store(connection).compact(FILL_RATE, REWRITE_BYTES);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not compact the queue store's file; it is left as it is", e);
        }
    }

    private static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
