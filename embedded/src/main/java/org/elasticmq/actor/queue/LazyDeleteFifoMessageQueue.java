package org.elasticmq.actor.queue;

import scala.Function1;
import scala.collection.Iterator;
import scala.runtime.BoxesRunTime;

/**
 * ElasticMQ 1.6.14's FIFO queue with an O(1) delete. The original {@code FifoMessageQueue.remove} rebuilds the
 * message group's whole priority queue ({@code prioQueue.filterNot(_.id == messageId)}), O(k log k) for a group of k
 * messages, so a drain with few groups is quadratic. Here remove only drops the message from messagesById, as
 * SimpleMessageQueue does; the stale entry in the group's priority queue is discarded by the inherited
 * nextVisibleMessage ("A message that's not in the byId map is considered to be deleted and can be dropped") the
 * next time that group is dequeued, and dequeueFromMessageGroup drops the group once its queue is empty. A deleted
 * message is always one that was received, i.e. at the head of its group, so stale entries are popped at once.
 */
public class LazyDeleteFifoMessageQueue extends MessageQueue.FifoMessageQueue {
    @Override
    public void remove(String messageId) {
        messagesById().remove(messageId);
    }

    /** Same as FifoMessageQueue.filterNot (used by ChangeMessageVisibility), but keeps this class. */
    @Override
    public MessageQueue filterNot(Function1<InternalMessage, Object> p) {
        LazyDeleteFifoMessageQueue filtered = new LazyDeleteFifoMessageQueue();
        Iterator<InternalMessage> messages = messagesById().valuesIterator();
        while (messages.hasNext()) {
            InternalMessage message = messages.next();
            if (!BoxesRunTime.unboxToBoolean(p.apply(message))) {
                filtered.$plus$eq(message);
            }
        }
        return filtered;
    }
}
