package org.elasticmq;

import com.bazaar.elasticmq.ReplacesUpstream;
import org.elasticmq.actor.queue.InternalMessage;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.List;
import scala.collection.immutable.Map;
import scala.runtime.ModuleSerializationProxy;

/**
 * The companion object of {@link FifoDeduplicationIdsHistory} as Scala compiles it (class {@code Name$} with a
 * {@code MODULE$} singleton). ElasticMQ 1.6.14 calls {@code FifoDeduplicationIdsHistory$.MODULE$.newHistory()}
 * (QueueActorStorage, QueueActorQueueOps).
 */
@ReplacesUpstream
public final class FifoDeduplicationIdsHistory$ implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final long DEDUPLICATION_INTERVAL_MINUTES = 5L;

    public static final FifoDeduplicationIdsHistory$ MODULE$ = new FifoDeduplicationIdsHistory$();

    private FifoDeduplicationIdsHistory$() {
    }

    public long DeduplicationIntervalMinutes() {
        return DEDUPLICATION_INTERVAL_MINUTES;
    }

    public FifoDeduplicationIdsHistory newHistory() {
        return FifoDeduplicationIdsHistory.empty();
    }

    public Option<Tuple2<Map<DeduplicationId, InternalMessage>, List<DeduplicationIdWithCreationDate>>> unapply(
            FifoDeduplicationIdsHistory history) {
        return history == null ? Option.empty()
                : Option.apply(new Tuple2<>(history.messagesByDeduplicationId(), history.deduplicationIdsByCreationDate()));
    }

    private Object writeReplace() {
        return new ModuleSerializationProxy(FifoDeduplicationIdsHistory$.class);
    }
}
