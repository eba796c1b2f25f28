package org.elasticmq;

import com.bazaar.elasticmq.GroupCommitStore;
import com.bazaar.elasticmq.ReplacesUpstream;
import com.typesafe.scalalogging.LazyLogging;
import java.time.OffsetDateTime;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Product;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.immutable.List;
import scala.collection.immutable.Map;
import scala.collection.immutable.Map$;
import scala.collection.immutable.Vector;
import scala.collection.immutable.Vector$;
import scala.runtime.ScalaRunTime;

/**
 * Drop-in replacement for ElasticMQ 1.6.14's {@code org.elasticmq.FifoDeduplicationIdsHistory} (a Scala case class
 * in elasticmq-core_2.13), shadowing the jar's class. Same fully-qualified name and the same public binary members,
 * same immutable semantics, but the creation-ordered ids are kept in a {@link Vector} instead of a {@link List}:
 * the original appends with {@code List :+} (O(n) copy per FIFO send) and its cleanup builds the expired-id list
 * with {@code :+} as well (quadratic). Here an append and a drop are effectively constant (Vector appended/drop,
 * HashMap updated/removed are O(log32 n)). Two deliberate differences: {@link #wasRegistered} does not report a
 * message whose store write is unconfirmed (see {@link GroupCommitStore}), and the history keeps a message without
 * its body ({@link #remembered}).
 *
 * <p>The one debug line is logged through SLF4J under the same logger name as the original's LazyLogging logger.
 * Remove this class (and {@code FifoDeduplicationIdsHistory$}) when upgrading to an ElasticMQ that fixes both.
 */
@ReplacesUpstream
public class FifoDeduplicationIdsHistory implements LazyLogging, Product, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FifoDeduplicationIdsHistory.class);

    private final Map<DeduplicationId, InternalMessage> messagesByDeduplicationId;
    /** oldest first, in the order addNew saw them (which the original assumes is creation order) */
    private final Vector<DeduplicationIdWithCreationDate> idsByCreationDate;

    /** The case-class constructor (binary compatibility only). */
    public FifoDeduplicationIdsHistory(Map<DeduplicationId, InternalMessage> messagesByDeduplicationId,
                                       List<DeduplicationIdWithCreationDate> deduplicationIdsByCreationDate) {
        this(deduplicationIdsByCreationDate.toVector(), messagesByDeduplicationId);
    }

    private FifoDeduplicationIdsHistory(Vector<DeduplicationIdWithCreationDate> idsByCreationDate,
                                        Map<DeduplicationId, InternalMessage> messagesByDeduplicationId) {
        this.messagesByDeduplicationId = messagesByDeduplicationId;
        this.idsByCreationDate = idsByCreationDate;
    }

    static FifoDeduplicationIdsHistory empty() {
        return new FifoDeduplicationIdsHistory(Vector$.MODULE$.<DeduplicationIdWithCreationDate>empty(),
                Map$.MODULE$.<DeduplicationId, InternalMessage>empty());
    }

    public FifoDeduplicationIdsHistory addNew(InternalMessage message) {
        Option<DeduplicationId> maybeId = message.messageDeduplicationId();
        if (maybeId.isDefined()) {
            DeduplicationId id = maybeId.get();
            if (!messagesByDeduplicationId.contains(id)) {
                @SuppressWarnings("unchecked")
                Map<DeduplicationId, InternalMessage> messages =
                        (Map<DeduplicationId, InternalMessage>) messagesByDeduplicationId.updated(id, remembered(message));
                return new FifoDeduplicationIdsHistory(
                        appended(idsByCreationDate, new DeduplicationIdWithCreationDate(id.id(), message.created())),
                        messages);
            }
        }
        return this;
    }

    /**
     * What a repeated send is answered with: the message's id, sequence number, group, deduplication id and dates,
     * without its body, attributes or receipts. The upstream history kept the message itself, so every message sent
     * in the last five minutes stayed whole in memory after its delete (about 2 KB each: 310 MB after a minute at
     * 1,450 sends a second). Nothing reads the rest from here: a duplicate's answer takes its MD5s from the request
     * ({@code SendMessageDirectives.doSendMessage}), and a move only asks whether the id is here.
     */
    static InternalMessage remembered(InternalMessage message) {
        return new InternalMessage(message.id(), new scala.collection.mutable.ArrayBuffer<>(), message.nextDelivery(),
                "", Map$.MODULE$.empty(), message.created(), message.orderIndex(), NeverReceived$.MODULE$, 0,
                message.isFifo(), message.messageGroupId(), message.messageDeduplicationId(), message.tracingId(),
                message.sequenceNumber(), message.deadLetterSourceQueueName());
    }

    /**
     * Unlike the original, a message whose write to the message store is not confirmed is not reported as
     * registered, so a resend is stored and acknowledged on its own instead of answered from memory (see
     * {@link GroupCommitStore}).
     */
    public Option<InternalMessage> wasRegistered(Option<DeduplicationId> maybeDeduplicationId) {
        if (maybeDeduplicationId.isEmpty()) {
            return Option.empty();
        }
        Option<InternalMessage> registered = messagesByDeduplicationId.get(maybeDeduplicationId.get());
        return registered.isDefined() && GroupCommitStore.isUnconfirmed(registered.get().id()) ? Option.empty() : registered;
    }

    /** Drops the leading entries created more than 5 minutes before now, stopping at the first one that is not. */
    @SuppressWarnings("unchecked")
    public FifoDeduplicationIdsHistory cleanOutdatedMessages(NowProvider nowProvider) {
        OffsetDateTime now = nowProvider.now();
        Map<DeduplicationId, InternalMessage> messages = messagesByDeduplicationId;
        StringBuilder removedForLog = LOG.isDebugEnabled() ? new StringBuilder("List(") : null;
        int removed = 0;
        Iterator<DeduplicationIdWithCreationDate> it = idsByCreationDate.iterator();
        while (it.hasNext()) {
            DeduplicationIdWithCreationDate entry = it.next();
            if (!entry.creationDate().plusMinutes(DeduplicationIntervalMinutes()).isBefore(now)) {
                break;
            }
            DeduplicationId id = new DeduplicationId(entry.id());
            messages = messages.removed(id);
            if (removedForLog != null) {
                removedForLog.append(removed == 0 ? "" : ", ").append(id);
            }
            removed++;
        }
        if (removed == 0) {
            return this;
        }
        if (removedForLog != null) {
            LOG.debug("Removing messages from FIFO history store: " + removedForLog.append(')'));
        }
        return new FifoDeduplicationIdsHistory(idsByCreationDate.drop(removed), messages);
    }

    /** Vector.appended, called through SeqOps: javac finds Vector's own overload ambiguous. O(1) amortised. */
    @SuppressWarnings("unchecked")
    private static <E> Vector<E> appended(Vector<E> vector, E element) {
        return (Vector<E>) ((scala.collection.SeqOps<E, ?, ?>) vector).appended(element);
    }

    // ---- the rest of the case-class surface; ElasticMQ 1.6.14 does not call it ----

    @Override
    public com.typesafe.scalalogging.Logger logger() {
        return com.typesafe.scalalogging.Logger$.MODULE$.apply(LOG);
    }

    public Map<DeduplicationId, InternalMessage> messagesByDeduplicationId() {
        return messagesByDeduplicationId;
    }

    /** O(n): materialises the List the original kept. */
    public List<DeduplicationIdWithCreationDate> deduplicationIdsByCreationDate() {
        return idsByCreationDate.toList();
    }

    public FifoDeduplicationIdsHistory copy(Map<DeduplicationId, InternalMessage> messagesByDeduplicationId,
                                            List<DeduplicationIdWithCreationDate> deduplicationIdsByCreationDate) {
        return new FifoDeduplicationIdsHistory(messagesByDeduplicationId, deduplicationIdsByCreationDate);
    }

    public Map<DeduplicationId, InternalMessage> copy$default$1() {
        return messagesByDeduplicationId;
    }

    public List<DeduplicationIdWithCreationDate> copy$default$2() {
        return deduplicationIdsByCreationDate();
    }

    public static FifoDeduplicationIdsHistory newHistory() {
        return FifoDeduplicationIdsHistory$.MODULE$.newHistory();
    }

    public static long DeduplicationIntervalMinutes() {
        return FifoDeduplicationIdsHistory$.DEDUPLICATION_INTERVAL_MINUTES;
    }

    public static Option<Tuple2<Map<DeduplicationId, InternalMessage>, List<DeduplicationIdWithCreationDate>>> unapply(
            FifoDeduplicationIdsHistory history) {
        return FifoDeduplicationIdsHistory$.MODULE$.unapply(history);
    }

    @Override
    public String productPrefix() {
        return "FifoDeduplicationIdsHistory";
    }

    @Override
    public int productArity() {
        return 2;
    }

    @Override
    public Object productElement(int n) {
        switch (n) {
            case 0: return messagesByDeduplicationId;
            case 1: return deduplicationIdsByCreationDate();
            default: throw new IndexOutOfBoundsException(Integer.toString(n));
        }
    }

    @Override
    public String productElementName(int n) {
        switch (n) {
            case 0: return "messagesByDeduplicationId";
            case 1: return "deduplicationIdsByCreationDate";
            default: throw new IndexOutOfBoundsException(Integer.toString(n));
        }
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof FifoDeduplicationIdsHistory;
    }

    @Override
    public boolean equals(Object that) {
        if (this == that) {
            return true;
        }
        if (!(that instanceof FifoDeduplicationIdsHistory)) {
            return false;
        }
        FifoDeduplicationIdsHistory other = (FifoDeduplicationIdsHistory) that;
        // a Scala Vector equals a List with the same elements, so this matches the case class' equals
        return messagesByDeduplicationId.equals(other.messagesByDeduplicationId)
                && idsByCreationDate.equals(other.idsByCreationDate)
                && other.canEqual(this);
    }

    @Override
    public int hashCode() {
        return ScalaRunTime._hashCode(this);
    }

    @Override
    public String toString() {
        return ScalaRunTime._toString(this);
    }
}
