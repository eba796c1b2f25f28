package org.elasticmq.actor.queue;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import scala.Function1;
import scala.Option;
import scala.collection.Iterable;
import scala.collection.immutable.List;
import scala.collection.mutable.ListBuffer;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxesRunTime;

/**
 * ElasticMQ 1.6.14's FIFO message queue with receives and deletes whose cost does not grow with the backlog.
 * Upstream, {@code FifoMessageQueue} picks each group to try with {@code keySet -- triedGroups}, building a new set
 * of every group for every group it tries, and a receive tries every blocked group (head in flight) that comes
 * first in hash order: with 5,000 groups that was two thirds of the queue server's CPU during a drain. Its delete
 * rebuilds the group's priority queue, O(k log k) for a group of k messages.
 * <p>
 * Here the groups that hold messages wait in a rotation: a receive takes groups from its front, gives each as many
 * deliverable messages as the receive still wants (in order, stopping at the first message in flight or delayed,
 * as SQS does), and puts a group that still holds messages at the back, so the next receive starts with groups
 * that have waited longest rather than those it just found blocked. A delete only drops the message from the id
 * map; its stale entry is discarded when it reaches the front of its group (a deleted message has always been
 * received, so it is at the front). Received messages come back through {@code +=} with their new delivery time,
 * as ReceiveMessageOps does for every queue.
 * <p>
 * The messages are kept by id in a {@link LinkedHashMap}, not in the inherited Scala {@code HashMap}: ElasticMQ's
 * QueueActorWaitForMessagesOps copies {@link #all} to a list on every send, receive and visibility change while a
 * receiver waits, and iterating a hash table costs its capacity, which never shrinks. After a drain of 100,000
 * messages that scan took the queue server a whole core at 80 messages a second; a linked map iterates its size.
 * <p>
 * {@code size} and {@code pop} stay the inherited ones (0 and none for a FIFO queue), as upstream.
 */
public class RotatingFifoMessageQueue extends MessageQueue.SimpleMessageQueue {
    private final LinkedHashMap<String, InternalMessage> byId = new LinkedHashMap<>();
    /** A group is a key here exactly when it is in {@link #rotation}. */
    private final Map<String, PriorityQueue<InternalMessage>> groups = new HashMap<>();
    private final ArrayDeque<String> rotation = new ArrayDeque<>();

    @Override
    public void $plus$eq(InternalMessage message) {
        byId.put(message.id(), message);
        String group = message.messageGroupId().getOrElse(() -> {
            throw new IllegalStateException("Messages on a FIFO queue are required to have a message group id");
        });
        groups.computeIfAbsent(group, newGroup -> {
            rotation.addLast(newGroup);
            // InternalMessage orders FIFO messages latest first (for Scala's max-first priority queue)
            return new PriorityQueue<>(Collections.reverseOrder());
        }).add(message);
    }

    @Override
    public List<InternalMessage> dequeue(int count, long deliveryTime) {
        ListBuffer<InternalMessage> batch = new ListBuffer<>();
        for (int untried = rotation.size(); batch.length() < count && untried > 0; untried--) {
            String group = rotation.pollFirst();
            PriorityQueue<InternalMessage> messages = groups.get(group);
            InternalMessage next;
            while (batch.length() < count && (next = nextDeliverable(messages, deliveryTime)) != null) {
                batch.addOne(next);
            }
            if (messages.isEmpty()) {
                groups.remove(group);
            } else {
                rotation.addLast(group);
            }
        }
        return batch.toList();
    }

    /** Takes the group's first message if it may be delivered now; none while it is in flight or delayed. */
    private InternalMessage nextDeliverable(PriorityQueue<InternalMessage> messages, long deliveryTime) {
        InternalMessage first;
        while ((first = messages.peek()) != null && !byId.containsKey(first.id())) {
            messages.poll();
        }
        return first != null && first.deliverable(deliveryTime) ? messages.poll() : null;
    }

    @Override
    public Option<InternalMessage> getById(String id) {
        return Option.apply(byId.get(id));
    }

    @Override
    public Iterable<InternalMessage> all() {
        return CollectionConverters.asScala(byId.values());
    }

    @Override
    public void remove(String id) {
        byId.remove(id);
    }

    @Override
    public void clear() {
        super.clear();
        byId.clear();
        groups.clear();
        rotation.clear();
    }

    /** Used by ChangeMessageVisibility; keeps this class. */
    @Override
    public MessageQueue filterNot(Function1<InternalMessage, Object> p) {
        RotatingFifoMessageQueue filtered = new RotatingFifoMessageQueue();
        for (InternalMessage message : byId.values()) {
            if (!BoxesRunTime.unboxToBoolean(p.apply(message))) {
                filtered.$plus$eq(message);
            }
        }
        return filtered;
    }
}
