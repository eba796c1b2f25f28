package com.bazaar.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementType;
import com.bazaar.queue.QueueCodec.InvalidMessageException;
import com.bazaar.reservation.HoldMessage;
import com.bazaar.reservation.HoldType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueueCodecTest {
    final QueueCodec codec = new QueueCodec();

    @Test
    void roundTripsAMessageAndLeavesAbsentFieldsOut() {
        var message = new MovementMessage(UUID.randomUUID(), 1L, 2L, MovementType.MANUAL, 5, null,
                Instant.parse("2026-11-24T10:15:30Z"), "pos-terminal-7", null, null, null);

        String body = codec.encode(message);

        assertThat(body).contains("\"type\":\"manual\"").doesNotContain("reason");
        assertThat(codec.decode(body)).isEqualTo(message);
    }

    @Test
    void acceptsTheContractsMinimalMessage() {
        MovementMessage message = (MovementMessage) codec.decode("{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5}");

        assertThat(message.movementId()).isNull();
        assertThat(message.occurredAt()).isNull();
        assertThat(message.messageGroupId()).isEqualTo("1:2");
    }

    @Test
    void acceptsACountOfZeroWithAnExpectedQuantity() {
        MovementMessage message = (MovementMessage) codec.decode(
                "{\"storeId\": 1, \"productId\": 2, \"type\": \"count\", \"quantity\": 0, \"expectedQuantity\": 3}");

        assertThat(message.type()).isEqualTo(MovementType.COUNT);
        assertThat(message.quantity()).isZero();
        assertThat(message.expectedQuantity()).isEqualTo(3);
    }

    @Test
    void aTransferIsATransferOutWithItsDestinationGroupedWithItsSource() {
        MovementMessage message = (MovementMessage) codec.decode(
                "{\"storeId\": 1, \"toStoreId\": 3, \"productId\": 2, \"type\": \"transfer_out\", \"quantity\": 5}");

        assertThat(message.toStoreId()).isEqualTo(3);
        assertThat(message.messageGroupId()).isEqualTo("1:2");
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                                   | Malformed JSON",
        "null                                                                       | body is JSON null",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\"}                       | quantity must not be null",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 0}      | quantity must be greater than or equal to 1",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": \"5\"}  | Field 'quantity' must be an integer",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"gift\", \"quantity\": 5}    | Field 'type' must be one of in, out, manual, count",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"count\", \"quantity\": -1}  | quantity must be greater than or equal to 0",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"out\", \"quantity\": 5, \"expectedQuantity\": 5} | expectedQuantity is only allowed with type count",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"count\", \"quantity\": 5, \"expectedQuantity\": 1000001} | expectedQuantity must be less than or equal to 1000000",
        "{\"storeId\": 0, \"productId\": 2, \"type\": \"in\", \"quantity\": 5}      | storeId must be greater than or equal to 1",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5, \"colour\": 1} | Unknown field 'colour'",
        "{\"movementId\": \"abc\", \"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5} | Field 'movementId'",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5, \"occurredAt\": 17} | Field 'occurredAt'",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5, \"actor\": \" x\"} | actor must not start or end with white space",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"transfer_out\", \"quantity\": 5} | toStoreId must not be null with type transfer_out",
        "{\"storeId\": 1, \"toStoreId\": 1, \"productId\": 2, \"type\": \"transfer_out\", \"quantity\": 5} | toStoreId must differ from the store the stock leaves",
        "{\"storeId\": 1, \"toStoreId\": 3, \"productId\": 2, \"type\": \"transfer_in\", \"quantity\": 5} | transfer_in is written by the worker",
        "{\"storeId\": 1, \"toStoreId\": 3, \"productId\": 2, \"type\": \"in\", \"quantity\": 5} | toStoreId is only allowed with type transfer_out",
        "{\"storeId\": 1, \"toStoreId\": 3, \"productId\": 2, \"type\": \"transfer_out\", \"quantity\": 0} | quantity must be greater than or equal to 1",
    })
    void namesWhatIsWrongWithABodyThatIsNotAMovement(String body, String reason) {
        assertThatThrownBy(() -> codec.decode(body))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void readsAHoldAndItsReleaseByTheirType() {
        UUID id = UUID.randomUUID();
        var reserve = HoldMessage.reserve(id, 1, 2, 3, Instant.parse("2026-11-24T10:30:00Z"), "order-17", "web");

        assertThat(codec.decode(codec.encode(reserve))).isEqualTo(reserve);
        assertThat(codec.decode("{\"type\": \"release\", \"reservationId\": \"" + id + "\", \"storeId\": 1, \"productId\": 2}"))
                .isEqualTo(new HoldMessage(HoldType.RELEASE, id, 1L, 2L, null, null, null, null, null));
        HoldMessage byTtl = (HoldMessage) codec.decode(
                "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"quantity\": 3, \"ttlSeconds\": 60}");
        assertThat(byTtl.ttlSeconds()).isEqualTo(60);
        assertThat(byTtl.messageGroupId()).isEqualTo("1:2");
        assertThat(reserve.deduplicationId()).isNotEqualTo(HoldMessage.release(id, 1, 2, "web").deduplicationId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"ttlSeconds\": 60} | quantity must not be null with type reserve",
        "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"quantity\": 3} | exactly one of expiresAt and ttlSeconds",
        "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"quantity\": 3, \"ttlSeconds\": 60, \"expiresAt\": \"2026-11-24T10:30:00Z\"} | exactly one of expiresAt and ttlSeconds",
        "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"quantity\": 3, \"ttlSeconds\": 604801} | ttlSeconds must be less than or equal to 604800",
        "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"quantity\": 0, \"ttlSeconds\": 60} | quantity must be greater than or equal to 1",
        "{\"type\": \"reserve\", \"storeId\": 1, \"productId\": 2, \"quantity\": 3, \"ttlSeconds\": 60, \"colour\": 1} | Unknown field 'colour'",
        "{\"type\": \"release\", \"storeId\": 1, \"productId\": 2} | reservationId must not be null with type release",
        "{\"type\": \"release\", \"reservationId\": \"6f1c7a54-3c1e-4a43-9d3f-5e2b8f0a9c11\", \"storeId\": 1, \"productId\": 2, \"quantity\": 3} | release takes only",
        "{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5, \"reservationId\": \"6f1c7a54-3c1e-4a43-9d3f-5e2b8f0a9c11\"} | reservationId is only allowed with type out",
    })
    void namesWhatIsWrongWithAHoldMessage(String body, String reason) {
        assertThatThrownBy(() -> codec.decode(body))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(reason);
    }
}
