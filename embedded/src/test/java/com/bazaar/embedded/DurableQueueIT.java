package com.bazaar.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The embedded queue as {@code ./bazaar up} runs it, in a process of its own with a data directory: every message
 * it acknowledged survives a SIGKILL of that process, in order within its group, a deleted message stays
 * deleted and one in flight comes back. The queues are created again on start, as the stack does, without losing what they hold.
 */
class DurableQueueIT {
    static final String QUEUE = "durable-test.fifo";
    static final String DEAD_LETTER_QUEUE = "durable-test-dlq.fifo";
    private static final Map<Process, Path> logs = new ConcurrentHashMap<>();

    @Test
    void acknowledgedMessagesSurviveSigkillInGroupOrder() throws Exception {
        Path data = Files.createTempDirectory("bazaar-sqs");
        int port = freePort();
        Process server = start(port, data);
        List<String> expected = new ArrayList<>();
        try (SqsClient sqs = client(port)) {
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            for (int i = 0; i < 100; i++) {
                int n = i;
                sqs.sendMessage(r -> r.queueUrl(url).messageBody("g" + (n % 7) + ":" + n).messageGroupId("g" + (n % 7))
                        .messageDeduplicationId("m-" + n));
                expected.add("g" + (n % 7) + ":" + n);
            }
            // Take the first few of some groups off for good; they must not come back.
            List<Message> taken = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(taken.stream().map(m -> DeleteMessageBatchRequestEntry
                    .builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            taken.forEach(m -> expected.remove(m.body()));
            // And some in flight, hidden for five minutes: a crash brings them back at once (receives are not stored).
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(300))
                    .messages()).isNotEmpty();
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        server = start(port, data);
        try (SqsClient sqs = client(port)) {
            List<String> received = drain(sqs);

            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
            for (int g = 0; g < 7; g++) {
                String group = "g" + g + ":";
                assertThat(received.stream().filter(b -> b.startsWith(group))
                        .map(b -> Integer.parseInt(b.substring(group.length()))).toList()).isSorted();
            }
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A queue process started while the last one still holds its store (closing a large H2 file takes a while) waits. */
    @Test
    void aQueueServerWaitsForTheStoreOfOneThatIsStillStopping() throws Exception {
        Path data = Files.createTempDirectory("bazaar-sqs");
        int port = freePort();
        Process server = start(port, data);
        try (SqsClient sqs = client(port)) {
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("kept").messageGroupId("g").messageDeduplicationId("kept"));
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Process holder = launch(FileLockHolderMain.LOCKED, FileLockHolderMain.class.getName(),
                data.resolve("elasticmq.mv.db").toString(), "3000");

        server = start(port, data);
        try (SqsClient sqs = client(port)) {
            assertThat(holder.isAlive()).as("the lock's holder ended before the server came up").isFalse();
            assertThat(drain(sqs)).containsExactly("kept");
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A client that timed out and sent again while the store was slow used to be acknowledged from memory (FIFO
     * deduplication found the first copy), and a crash then lost the message. Now no send is acknowledged while
     * the store cannot write, and every acknowledged one survives a SIGKILL, at the price of a possible duplicate.
     */
    @Test
    void aResendIsAcknowledgedOnlyOnceTheStoreHasTheMessage() throws Exception {
        Path data = Files.createTempDirectory("bazaar-sqs");
        int port = freePort();
        Process server = start(port, data, StallableQueueMain.class.getName(),
                String.valueOf(port), data.toString(), QUEUE, DEAD_LETTER_QUEUE);
        try (SqsClient sqs = client(port, Duration.ofSeconds(2))) {
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            Consumer<String> send = body -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId("g")
                    .messageDeduplicationId(body));
            send.accept("stored");

            command(server, "stall", StallableQueueMain.STALLED);
            assertThatThrownBy(() -> send.accept("pending")).isInstanceOf(ApiCallTimeoutException.class);
            assertThatThrownBy(() -> send.accept("pending")).as("a resend while the first copy is not stored")
                    .isInstanceOf(ApiCallTimeoutException.class);
            command(server, "release", StallableQueueMain.RELEASED);
            send.accept("pending");
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        server = start(port, data);
        try (SqsClient sqs = client(port)) {
            assertThat(new HashSet<>(drain(sqs))).containsExactlyInAnyOrder("stored", "pending");
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * ElasticMQ's store, once a write threw, was restarted without its queue repositories and acknowledged every later
     * send without writing it. Now a failed write is not acknowledged, and the store writes again once it can.
     */
    @Test
    void aFailedWriteIsNotAcknowledgedAndTheStoreRecovers() throws Exception {
        Path data = Files.createTempDirectory("bazaar-sqs");
        int port = freePort();
        Process server = start(port, data, StallableQueueMain.class.getName(),
                String.valueOf(port), data.toString(), QUEUE, DEAD_LETTER_QUEUE);
        try (SqsClient sqs = client(port, Duration.ofSeconds(2))) {
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            Consumer<String> send = body -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId("g")
                    .messageDeduplicationId(body));

            command(server, "break", StallableQueueMain.BROKEN);
            assertThatThrownBy(() -> send.accept("first")).isInstanceOf(ApiCallTimeoutException.class);
            assertThatThrownBy(() -> send.accept("second")).as("a send after a failed write")
                    .isInstanceOf(ApiCallTimeoutException.class);
            command(server, "repair", StallableQueueMain.REPAIRED);
            send.accept("first");
            send.accept("third");
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        server = start(port, data);
        try (SqsClient sqs = client(port)) {
            assertThat(new HashSet<>(drain(sqs))).containsExactlyInAnyOrder("first", "third");
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Receives and deletes until three receives in a row come back empty; the bodies in the order received. */
    static List<String> drain(SqsClient sqs) {
        String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
        List<String> received = new ArrayList<>();
        for (int empty = 0; empty < 3; ) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            if (messages.isEmpty()) {
                empty++;
                continue;
            }
            messages.forEach(m -> received.add(m.body()));
            sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(messages.stream().map(m -> DeleteMessageBatchRequestEntry
                    .builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        }
        return received;
    }

    static Process start(int port, Path data) throws Exception {
        return start(port, data, EmbeddedStackMain.class.getName(), "--sqs", String.valueOf(port),
                "--sqs-data-dir", data.toString(), "--queue", QUEUE, "--dlq", DEAD_LETTER_QUEUE);
    }

    private static Process start(int port, Path data, String mainClass, String... args) throws Exception {
        return launch(EmbeddedStackMain.READY, mainClass, args);
    }

    /** Starts a JVM on this class path and waits until its output holds {@code readyLine}. */
    static Process launch(String readyLine, String mainClass, String... args) throws Exception {
        Path log = Files.createTempFile("bazaar-sqs", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        logs.put(process, log);
        awaitLine(process, readyLine, Duration.ofMinutes(2));
        return process;
    }

    static String output(Process process) throws IOException {
        return Files.readString(logs.get(process));
    }

    private static void command(Process process, String command, String answer) throws Exception {
        process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        awaitLine(process, answer, Duration.ofSeconds(30));
    }

    static void awaitLine(Process process, String line, Duration timeout) throws Exception {
        Path log = logs.get(process);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output(process).contains(line)) {
            assertThat(process.isAlive()).as("queue server alive; its log: %s", log).isTrue();
            assertThat(System.nanoTime()).as("'%s' within %s; log: %s", line, timeout, log).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static SqsClient client(int port) {
        return client(port, Duration.ofSeconds(30));
    }

    private static SqsClient client(int port, Duration callTimeout) {
        return SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.of(EmbeddedQueue.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedQueue.ACCESS_KEY,
                        EmbeddedQueue.SECRET_KEY)))
                .overrideConfiguration(c -> c.apiCallTimeout(callTimeout))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
