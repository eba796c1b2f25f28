package com.bazaar.service.catalog;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of its own (not the pool's) that LISTENs on {@link CatalogChange#CHANNEL} and drops each
 * changed entry from {@link CatalogCaches}. On any failure the caches are emptied and bypassed, and it connects
 * again after 1, 2, 4 ... 10 s; notifications sent meanwhile are lost, so the caches are emptied again once it
 * listens. It asks {@code SELECT 1} every few seconds so that a server gone silent is noticed too.
 */
public final class CatalogChangeListener implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogChangeListener.class);
    private static final int POLL_MILLIS = 250;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DataSourceFactory database;
    private final CatalogCaches caches;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile State state = new State(false, Instant.now(), "not started yet");
    private Thread thread;

    private record State(boolean listening, Instant since, String detail) {
    }

    public CatalogChangeListener(DataSourceFactory database, CatalogCaches caches) {
        this.database = database;
        this.caches = caches;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "catalog-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        stopping.countDown();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                State current = state;
                return current.listening()
                        ? Result.healthy("Listening for catalog updates on %s since %s", CatalogChange.CHANNEL, current.since())
                        : Result.unhealthy("Not listening for catalog updates since %s (%s): product and store details "
                        + "are read from the database, uncached, until the listener reconnects", current.since(), current.detail());
            }
        };
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        boolean firstTry = true;
        while (stopping.getCount() > 0) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CatalogChange.CHANNEL);
                }
                caches.startTrusting();
                state = new State(true, Instant.now(), "");
                LOG.info("Listening for catalog updates on {}", CatalogChange.CHANNEL);
                backoff = Duration.ofSeconds(1);
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                caches.stopTrusting();
                if (state.listening() || firstTry) {
                    LOG.warn("Catalog update listener lost its connection ({}); caches bypassed, reconnecting", e.getMessage());
                }
                state = new State(false, state.listening() ? Instant.now() : state.since(), String.valueOf(e.getMessage()));
            }
            firstTry = false;
            try {
                if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long probed = System.nanoTime();
        while (stopping.getCount() > 0) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    CatalogChange.parse(notification.getParameter()).ifPresent(caches::changed);
                }
            }
            if (System.nanoTime() - probed > PROBE_EVERY.toNanos()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                probed = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "bazaar-catalog-listener");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.getUrl(), properties);
    }
}
