package org.elasticmq.actor.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.elasticmq.NeverReceived$;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Drives the queue the way ElasticMQ's ReceiveMessageOps does (dequeue, then {@code +=} with the new delivery
 * time; delete is {@code remove}) and checks SQS FIFO rules: one message in flight per group, each group
 * delivered in send order, nothing lost.
 */
class RotatingFifoMessageQueueTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    private static final long VISIBILITY = 30_000;

    private final RotatingFifoMessageQueue queue = new RotatingFifoMessageQueue();
    private final Map<String, List<InternalMessage>> sentByGroup = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private int sent;

    @Test
    void aGroupWaitsWhileItsFirstMessageIsInFlightAndTheNextReceiveMovesOnToOtherGroups() {
        send("a", 0);
        send("a", 0);
        send("b", 0);
        send("c", 0);

        List<InternalMessage> first = receive(2, 0);
        assertThat(ids(first)).containsExactly("0", "1");  // as SQS, consecutive messages of one group in a batch
        assertThat(ids(receive(10, 1))).containsExactlyInAnyOrder("2", "3");
        assertThat(receive(10, 2)).isEmpty();

        queue.remove("0");
        assertThat(receive(10, 3)).isEmpty();  // "1" is still in flight
        assertThat(ids(receive(10, VISIBILITY + 1))).containsExactlyInAnyOrder("1", "2", "3");  // visibility expired
    }

    @Test
    void aRandomMixOfSendsReceivesDeletesAndExpiriesKeepsFifoRulesAndLosesNothing() {
        Random random = new Random(42);
        Map<String, List<InternalMessage>> inFlight = new HashMap<>();
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            now += random.nextInt(200);
            int action = random.nextInt(10);
            if (action < 4) {
                send("g" + random.nextInt(40), now);
            } else if (action < 8) {
                long time = now;
                inFlight.values().removeIf(batch -> batch.get(0).nextDelivery() <= time);  // expired: deliverable again
                Map<String, List<InternalMessage>> batchByGroup = new HashMap<>();
                for (InternalMessage message : receive(1 + random.nextInt(10), now)) {
                    String group = message.messageGroupId().get();
                    assertThat(inFlight).as("group %s received while in flight", group).doesNotContainKey(group);
                    List<InternalMessage> sameGroup = batchByGroup.computeIfAbsent(group, g -> new ArrayList<>());
                    assertThat(sentByGroup.get(group).stream().takeWhile(m -> m != message))
                            .as("messages of %s sent before %s", group, message.id())
                            .allMatch(m -> deleted.contains(m.id()) || sameGroup.contains(m));
                    sameGroup.add(message);
                }
                inFlight.putAll(batchByGroup);
            } else if (!inFlight.isEmpty()) {
                String group = new ArrayList<>(inFlight.keySet()).get(random.nextInt(inFlight.size()));
                inFlight.remove(group).forEach(this::delete);
            }
        }

        for (int round = 0; deleted.size() < sent; round++) {
            assertThat(round).isLessThan(sent);
            receive(10, now += VISIBILITY + 1).forEach(this::delete);
        }
        assertThat(receive(10, now + VISIBILITY + 1)).isEmpty();
    }

    @Test
    void allGetByIdAndRemoveSeeExactlyTheMessagesNotDeleted() {
        for (int i = 0; i < 1_000; i++) {
            send("g" + i % 7, 0);
        }
        receive(10, 1);
        for (int i = 0; i < 999; i++) {
            queue.remove(String.valueOf(i));
        }

        assertThat(CollectionConverters.asJava(queue.all())).extracting(InternalMessage::id).containsExactly("999");
        assertThat(queue.getById("999").isDefined()).isTrue();
        assertThat(queue.getById("3").isDefined()).isFalse();
        assertThat(ids(receive(10, 2))).containsExactly("999");
        assertThat(CollectionConverters.asJava(queue.filterNot(m -> true).all())).isEmpty();
        assertThat(CollectionConverters.asJava(queue.filterNot(m -> false).all())).extracting(InternalMessage::id)
                .containsExactly("999");
    }

    private void send(String group, long deliveryTime) {
        int n = sent++;
        InternalMessage message = InternalMessage.apply(String.valueOf(n), new scala.collection.mutable.ListBuffer<>(),
                deliveryTime, "body-" + n, scala.collection.immutable.Map$.MODULE$.empty(), T0.plusNanos(n), n,
                NeverReceived$.MODULE$, 0, true, Option.apply(group), Option.empty(), Option.empty(), Option.empty(),
                Option.empty());
        sentByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(message);
        queue.$plus$eq(message);
    }

    private List<InternalMessage> receive(int count, long now) {
        List<InternalMessage> received = CollectionConverters.asJava(queue.dequeue(count, now));
        for (InternalMessage message : received) {
            message.nextDelivery_$eq(now + VISIBILITY);
            queue.$plus$eq(message);
        }
        return received;
    }

    private void delete(InternalMessage message) {
        queue.remove(message.id());
        deleted.add(message.id());
    }

    private static List<String> ids(List<InternalMessage> messages) {
        return messages.stream().map(InternalMessage::id).toList();
    }
}
