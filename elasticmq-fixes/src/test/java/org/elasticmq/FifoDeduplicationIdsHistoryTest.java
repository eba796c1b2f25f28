package org.elasticmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.elasticmq.actor.queue.InternalMessage;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.Map$;
import scala.collection.mutable.ArrayBuffer;

class FifoDeduplicationIdsHistoryTest {
    static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 12, 4, 2, 0, 0, 0, ZoneOffset.UTC);

    static InternalMessage sent(String id, String deduplicationId, String body) {
        var receipts = new ArrayBuffer<String>();
        receipts.addOne("receipt-1");
        @SuppressWarnings("unchecked")
        scala.collection.immutable.Map<String, MessageAttribute> attributes =
                (scala.collection.immutable.Map<String, MessageAttribute>) Map$.MODULE$.<String, MessageAttribute>empty()
                        .updated("source", new StringMessageAttribute("api", Option.empty()));
        return new InternalMessage(id, receipts, 1_000L, body, attributes, CREATED, 3, NeverReceived$.MODULE$, 1, true,
                Option.apply("1:7"), Option.apply(new DeduplicationId(deduplicationId)), Option.empty(),
                Option.apply("42"), Option.empty());
    }

    @Test
    void aRepeatedSendFindsTheFirstOnesIdAndSequenceNumberButNotItsBody() {
        var history = FifoDeduplicationIdsHistory.empty().addNew(sent("m-1", "d-1", "x".repeat(2_000)));

        InternalMessage remembered = history.wasRegistered(Option.apply(new DeduplicationId("d-1"))).get();

        assertThat(remembered.id()).isEqualTo("m-1");
        assertThat(remembered.sequenceNumber()).isEqualTo(Option.apply("42"));
        assertThat(remembered.messageGroupId()).isEqualTo(Option.apply("1:7"));
        assertThat(remembered.created()).isEqualTo(CREATED);
        assertThat(remembered.toMessageData().id().id()).isEqualTo("m-1");
        assertThat(remembered.content()).as("the body is not kept for five minutes").isEmpty();
        assertThat(remembered.messageAttributes().isEmpty()).isTrue();
        assertThat(remembered.deliveryReceipts().isEmpty()).isTrue();
        assertThat(history.wasRegistered(Option.apply(new DeduplicationId("d-2"))).isEmpty()).isTrue();
    }

    @Test
    void theSecondSendOfAnIdDoesNotReplaceTheFirst() {
        var history = FifoDeduplicationIdsHistory.empty().addNew(sent("m-1", "d-1", "first"))
                .addNew(sent("m-2", "d-1", "second"));

        assertThat(history.wasRegistered(Option.apply(new DeduplicationId("d-1"))).get().id()).isEqualTo("m-1");
    }
}
