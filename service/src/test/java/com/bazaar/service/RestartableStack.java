package com.bazaar.service;

import com.bazaar.embedded.EmbeddedDatabase;
import com.bazaar.embedded.EmbeddedQueue;
import com.bazaar.testing.SharedTestStack;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A PostgreSQL and an ElasticMQ of a test class's own, on fixed ports, that the test may stop and start again:
 * the health checks must see them go and come back, and the shared stack must not go down for the others.
 * The database keeps its data directory across restarts; the queue server is in memory, so a restart creates
 * the queues again, as an operator would.
 */
public final class RestartableStack implements AutoCloseable {
    private final Path dataDirectory;
    private final int databasePort = freePort();
    private final int queuePort = freePort();
    private EmbeddedDatabase database;
    private EmbeddedQueue queue;

    public RestartableStack() {
        ServiceTestApp.startStack();
        try {
            dataDirectory = Files.createTempDirectory("bazaar-health").resolve("postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startDatabase();
        startQueue();
        migrate();
    }

    /** Points an application at this stack instead of the shared one (restored when its extension ends). */
    public ConfigOverride[] overrides() {
        return new ConfigOverride[] {
            ConfigOverride.config("database.url", database.jdbcUrl()),
            ConfigOverride.config("queue.endpoint", queue.endpoint().toString())
        };
    }

    public void startDatabase() {
        try {
            database = EmbeddedDatabase.start(dataDirectory, databasePort);
        } catch (Exception e) {
            throw new IllegalStateException("could not start PostgreSQL on " + databasePort, e);
        }
    }

    public void stopDatabase() {
        try {
            database.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On the port it had: the server just stopped may not have let go of it yet (a CI run saw "Bind failed ...
     * Address already in use"), so a failed start is tried again for a while.
     */
    public void startQueue() {
        for (int attempt = 1; ; attempt++) {
            try {
                queue = EmbeddedQueue.start(queuePort);
                break;
            } catch (RuntimeException e) {
                if (attempt == 40) {
                    throw new IllegalStateException("could not start the queue on " + queuePort, e);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        queue.createQueues(SharedTestStack.QUEUE, SharedTestStack.DEAD_LETTER_QUEUE);
    }

    public void stopQueue() {
        queue.close();
    }

    /** A client for this stack's queue server; the caller closes it. */
    public SqsClient client() {
        return queue.client();
    }

    /** {@code db migrate} as in the shared stack, with the shared database's address swapped for this one's. */
    private void migrate() {
        String shared = System.getProperty("dw.database.url");
        System.setProperty("dw.database.url", database.jdbcUrl());
        try {
            ServiceTestApp.migrate();
        } finally {
            System.setProperty("dw.database.url", shared);
        }
    }

    @Override
    public void close() {
        stopQueue();
        stopDatabase();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
