package com.bazaar.movement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.movement.MovementCodec.InvalidMessageException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MovementCodecTest {
    final MovementCodec codec = new MovementCodec();

    @Test
    void roundTripsAMessageAndLeavesAbsentFieldsOut() {
        var message = new MovementMessage(UUID.randomUUID(), 1L, 2L, MovementType.MANUAL, 5, null,
                Instant.parse("2026-11-24T10:15:30Z"), "pos-terminal-7", null, null);

        String body = codec.encode(message);

        assertThat(body).contains("\"type\":\"manual\"").doesNotContain("reason");
        assertThat(codec.decode(body)).isEqualTo(message);
    }

    @Test
    void acceptsTheContractsMinimalMessage() {
        MovementMessage message = codec.decode("{\"storeId\": 1, \"productId\": 2, \"type\": \"in\", \"quantity\": 5}");

        assertThat(message.movementId()).isNull();
        assertThat(message.occurredAt()).isNull();
        assertThat(message.messageGroupId()).isEqualTo("1:2");
    }

    @Test
    void acceptsACountOfZeroWithAnExpectedQuantity() {
        MovementMessage message = codec.decode(
                "{\"storeId\": 1, \"productId\": 2, \"type\": \"count\", \"quantity\": 0, \"expectedQuantity\": 3}");

        assertThat(message.type()).isEqualTo(MovementType.COUNT);
        assertThat(message.quantity()).isZero();
        assertThat(message.expectedQuantity()).isEqualTo(3);
    }

    @Test
    void aTransferIsATransferOutWithItsDestinationGroupedWithItsSource() {
        MovementMessage message = codec.decode(
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
}
