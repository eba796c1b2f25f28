package com.bazaar.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The development stack behind {@code ./bazaar up}: embedded PostgreSQL and/or ElasticMQ, kept running
 * until the process is told to stop. Prints {@value #READY} once everything accepts connections.
 *
 * <pre>
 * java -jar bazaar-embedded-all.jar [--postgres PORT --data-dir DIR --fsync on|off]
 *                                   [--replica PORT --replica-of PRIMARY_PORT --replica-data-dir DIR --fsync on|off]
 *                                   [--sqs PORT --sqs-data-dir DIR --queue NAME --dlq NAME]
 * </pre>
 */
public final class EmbeddedStackMain {
    static final String READY = "EMBEDDED STACK READY";

    private EmbeddedStackMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "embedded-logback.xml");
        Arguments arguments = Arguments.parse(args);
        EmbeddedDatabase database = null;
        StreamingReplica replica = null;
        EmbeddedQueue queue = null;
        EmbeddedDatabase.Durability durability = arguments.fsync ? EmbeddedDatabase.Durability.DURABLE
                : EmbeddedDatabase.Durability.FAST;
        if (arguments.postgresPort != null) {
            database = EmbeddedDatabase.start(Path.of(arguments.dataDirectory), arguments.postgresPort, durability);
            System.out.println("PostgreSQL  " + database.jdbcUrl() + " (application user " + EmbeddedDatabase.APPLICATION_USER + ", migrations as " + EmbeddedDatabase.OWNER
                    + ", data in " + arguments.dataDirectory + ", fsync " + (arguments.fsync ? "on" : "off") + ")");
        }
        if (arguments.replicaPort != null) {
            replica = StreamingReplica.start(arguments.primaryPort, Path.of(arguments.replicaDataDirectory),
                    arguments.replicaPort, durability);
            System.out.println("PostgreSQL replica  " + replica.jdbcUrl() + " (hot standby of 127.0.0.1:"
                    + arguments.primaryPort + ", data in " + arguments.replicaDataDirectory + ")");
        }
        if (arguments.sqsPort != null) {
            Path messages = arguments.sqsDataDirectory == null ? null : Path.of(arguments.sqsDataDirectory);
            queue = EmbeddedQueue.start(arguments.sqsPort, messages);
            queue.createQueues(arguments.queueName, arguments.deadLetterQueueName);
            System.out.println("SQS         " + queue.endpoint() + " (queues " + arguments.queueName + ", "
                    + arguments.deadLetterQueueName + "; " + (messages == null ? "in memory" : "messages in " + messages) + ")");
        }
        System.out.println(READY);

        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedDatabase finalDatabase = database;
        StreamingReplica finalReplica = replica;
        EmbeddedQueue finalQueue = queue;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (finalQueue != null) {
                    finalQueue.close();
                }
                if (finalReplica != null) {
                    finalReplica.close();
                }
                if (finalDatabase != null) {
                    finalDatabase.close();
                }
            } catch (Exception e) {
                System.err.println("Embedded stack did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "embedded-stack-shutdown"));
        stopped.await();
    }

    private static final class Arguments {
        Integer postgresPort;
        String dataDirectory = ".bazaar/postgres";
        boolean fsync = true;
        Integer replicaPort;
        Integer primaryPort;
        String replicaDataDirectory = ".bazaar/replica";
        String sqsDataDirectory;
        Integer sqsPort;
        String queueName;
        String deadLetterQueueName;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--postgres" -> parsed.postgresPort = Integer.parseInt(value);
                    case "--data-dir" -> parsed.dataDirectory = value;
                    case "--fsync" -> parsed.fsync = switch (value) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new IllegalArgumentException("--fsync takes on or off, not " + value);
                    };
                    case "--replica" -> parsed.replicaPort = Integer.parseInt(value);
                    case "--replica-of" -> parsed.primaryPort = Integer.parseInt(value);
                    case "--replica-data-dir" -> parsed.replicaDataDirectory = value;
                    case "--sqs" -> parsed.sqsPort = Integer.parseInt(value);
                    case "--sqs-data-dir" -> parsed.sqsDataDirectory = value;
                    case "--queue" -> parsed.queueName = value;
                    case "--dlq" -> parsed.deadLetterQueueName = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("every option takes a value: " + String.join(" ", args));
            }
            if (parsed.replicaPort != null && parsed.primaryPort == null) {
                throw new IllegalArgumentException("--replica needs --replica-of, the primary's port on 127.0.0.1");
            }
            if (parsed.sqsPort != null && (parsed.queueName == null || parsed.deadLetterQueueName == null)) {
                throw new IllegalArgumentException("--sqs needs --queue and --dlq");
            }
            return parsed;
        }
    }
}
