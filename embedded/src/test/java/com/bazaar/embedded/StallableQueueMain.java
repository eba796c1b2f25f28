package com.bazaar.embedded;

import com.bazaar.elasticmq.MessageTables;
import com.bazaar.elasticmq.QueueStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A durable embedded queue whose message store a test can stall or break, by commands on standard input:
 * {@code stall} puts the H2 database in exclusive mode for a connection of this process (every write of the store
 * then waits) and {@code release} ends it; {@code break} renames the queue's message table (every write then fails)
 * and {@code repair} renames it back. Each answers with a line when done. Arguments: port, data directory, queue
 * name, dead-letter queue name.
 */
public final class StallableQueueMain {
    static final String STALLED = "STORE STALLED";
    static final String RELEASED = "STORE RELEASED";
    static final String BROKEN = "STORE BROKEN";
    static final String REPAIRED = "STORE REPAIRED";

    private StallableQueueMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        EmbeddedQueue queue = EmbeddedQueue.start(Integer.parseInt(args[0]), data);
        queue.createQueues(args[2], args[3]);
        System.out.println(EmbeddedStackMain.READY);
        String table = MessageTables.table(args[2]);
        try (Connection store = DriverManager.getConnection(QueueStore.url(data));
             BufferedReader commands = new BufferedReader(new InputStreamReader(System.in))) {
            for (String command; (command = commands.readLine()) != null; ) {
                switch (command) {
                    case "stall" -> {
                        store.createStatement().execute("SET EXCLUSIVE 1");
                        System.out.println(STALLED);
                    }
                    case "release" -> {
                        store.createStatement().execute("SET EXCLUSIVE 0");
                        System.out.println(RELEASED);
                    }
                    case "break" -> {
                        store.createStatement().execute("ALTER TABLE " + table + " RENAME TO broken");
                        System.out.println(BROKEN);
                    }
                    case "repair" -> {
                        store.createStatement().execute("ALTER TABLE broken RENAME TO " + table);
                        System.out.println(REPAIRED);
                    }
                    default -> throw new IllegalArgumentException(command);
                }
            }
        }
        System.exit(0); // standard input closed: the test that started this process is gone
    }
}
