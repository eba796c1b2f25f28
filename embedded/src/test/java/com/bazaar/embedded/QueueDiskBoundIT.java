package com.bazaar.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded queue's files stay within what it holds: a million messages through its store, sent and deleted,
 * with a thousand held, and its data directory never exceeds 100 MB while the store is open. SIGKILLed while it
 * still writes, it restores the thousand.
 */
class QueueDiskBoundIT {
    private static final int HELD = 1_000;
    private static final int FLOW = 1_000_000;
    /** About the backlog the worker lets build up under load before it catches up. */
    private static final int WINDOW = 2_000;
    private static final long BOUND = 100L * 1024 * 1024;

    @Test
    void aMillionMessagesThroughTheStoreLeaveItsFilesWithinWhatItHolds() throws Exception {
        Path data = Files.createTempDirectory("bazaar-sqs");
        Process flow = DurableQueueIT.launch(QueueFlowMain.FLOWING, QueueFlowMain.class.getName(), data.toString(),
                DurableQueueIT.QUEUE, DurableQueueIT.DEAD_LETTER_QUEUE, String.valueOf(HELD), String.valueOf(FLOW),
                String.valueOf(WINDOW));
        AtomicLong largest = new AtomicLong();
        ScheduledExecutorService sizes = Executors.newSingleThreadScheduledExecutor();
        try {
            sizes.scheduleAtFixedRate(() -> largest.accumulateAndGet(size(data), Math::max), 0, 100, TimeUnit.MILLISECONDS);
            DurableQueueIT.awaitLine(flow, QueueFlowMain.FLOWED, Duration.ofMinutes(5));
            long afterFlow = size(data);
            Thread.sleep(1_000); // and flowing on, so that the kill lands in the middle of its writes
            sizes.shutdown();
            sizes.awaitTermination(10, TimeUnit.SECONDS);
            String flowed = DurableQueueIT.output(flow).lines().filter(line -> line.startsWith(QueueFlowMain.FLOWED))
                    .findFirst().orElseThrow();
            System.out.printf("%s; data directory %.1f MB after it, at most %.1f MB while the store was open%n",
                    flowed, afterFlow / 1e6, largest.get() / 1e6);

            assertThat(flowed).endsWith(" 0 events not stored");
            assertThat(largest.get()).as("largest size of %s while the store was open", data).isLessThanOrEqualTo(BOUND);
        } finally {
            sizes.shutdownNow();
            flow.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        int port = DurableQueueIT.freePort();
        Process server = DurableQueueIT.start(port, data);
        try (SqsClient sqs = DurableQueueIT.client(port)) {
            Map<Boolean, List<String>> restored = DurableQueueIT.drain(sqs).stream()
                    .collect(Collectors.partitioningBy(body -> body.startsWith("held-")));
            assertThat(restored.get(true)).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, HELD).mapToObj(i -> "held-" + i).toList());
            assertThat(restored.get(false)).as("flowing messages not yet deleted at the kill")
                    .hasSizeLessThanOrEqualTo(WINDOW + QueueFlowMain.IN_FLIGHT);
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long size(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // deleted meanwhile (a temporary file of H2's)
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
