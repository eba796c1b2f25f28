package com.bazaar.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The embedded queue as {@code ./bazaar up} runs it, in a process of its own with a data directory: every message
 * it acknowledged survives a SIGKILL of that process, in order within its group, and a deleted message stays
 * deleted. The queues are created again on start, as the stack does, without losing what they hold.
 */
class DurableQueueIT {
    static final String QUEUE = "durable-test.fifo";

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
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        server = start(port, data);
        try (SqsClient sqs = client(port)) {
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

    private static Process start(int port, Path data) throws Exception {
        Path log = Files.createTempFile("bazaar-sqs", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedStackMain.class.getName(),
                "--sqs", String.valueOf(port), "--sqs-data-dir", data.toString(), "--queue", QUEUE,
                "--dlq", "durable-test-dlq.fifo")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.readString(log).contains(EmbeddedStackMain.READY)) {
            assertThat(process.isAlive()).as("queue server alive; its log: %s", log).isTrue();
            assertThat(System.nanoTime()).as("queue server ready within 2 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
        return process;
    }

    private static SqsClient client(int port) {
        return SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.of(EmbeddedQueue.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedQueue.ACCESS_KEY,
                        EmbeddedQueue.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
