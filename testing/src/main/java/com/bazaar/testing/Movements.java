package com.bazaar.testing;

import com.bazaar.movement.MovementType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stock movement for a test, written once: the body a clerk posts ({@link #body()}) or the queue message another
 * producer sends ({@link #message()}), e.g. {@code Movements.in(product, 5).reason("delivery").body()} or
 * {@code Movements.out(product, 2).at(store).by("pos-terminal-7").message()}. Fields appear in the contract's
 * order and only when set. Deliberately malformed bodies stay literal strings in the tests that send them.
 */
public final class Movements {
    private final long productId;
    private final MovementType type;
    private final int quantity;
    private Integer expectedQuantity;
    private String reason;
    private String occurredAt;
    private String movementId;
    private Long storeId;
    private Long toStoreId;
    private String actor;
    private String reservationId;

    private Movements(MovementType type, long productId, int quantity) {
        this.type = type;
        this.productId = productId;
        this.quantity = quantity;
    }

    public static Movements of(MovementType type, long productId, int quantity) {
        return new Movements(type, productId, quantity);
    }

    /** @param type the wire name: in, out, manual, count, transfer_out */
    public static Movements of(String type, long productId, int quantity) {
        return of(MovementType.valueOf(type.toUpperCase(Locale.ROOT)), productId, quantity);
    }

    public static Movements in(long productId, int quantity) {
        return of(MovementType.IN, productId, quantity);
    }

    public static Movements out(long productId, int quantity) {
        return of(MovementType.OUT, productId, quantity);
    }

    public static Movements manual(long productId, int quantity) {
        return of(MovementType.MANUAL, productId, quantity);
    }

    /** A physical count that found {@code counted}; say what was expected with {@link #expecting}. */
    public static Movements count(long productId, int counted) {
        return of(MovementType.COUNT, productId, counted);
    }

    public Movements expecting(int expectedQuantity) {
        this.expectedQuantity = expectedQuantity;
        return this;
    }

    public Movements reason(String reason) {
        this.reason = reason;
        return this;
    }

    /** @param occurredAt an instant, or any text (sent as a JSON string) */
    public Movements occurredAt(Object occurredAt) {
        this.occurredAt = occurredAt.toString();
        return this;
    }

    /** The store of a queue message (a posted movement names its store in the path). */
    public Movements at(long storeId) {
        this.storeId = storeId;
        return this;
    }

    /** A transfer_out's destination. */
    public Movements to(long toStoreId) {
        this.toStoreId = toStoreId;
        return this;
    }

    /** A queue message's own movement id. */
    public Movements id(Object movementId) {
        this.movementId = movementId.toString();
        return this;
    }

    /** The hold an out consumes. */
    public Movements consuming(Object reservationId) {
        this.reservationId = reservationId.toString();
        return this;
    }

    /** A queue message's actor. */
    public Movements by(String actor) {
        this.actor = actor;
        return this;
    }

    /** The JSON body of {@code POST /stores/{storeId}/stock-movements}, or of one batch item. */
    public String body() {
        if (storeId != null || movementId != null || actor != null || toStoreId != null) {
            throw new IllegalStateException("a posted movement has no storeId, movementId, actor or toStoreId field");
        }
        return json(new ArrayList<>());
    }

    /** The JSON of a queue message, as another producer would send it. */
    public String message() {
        if (storeId == null) {
            throw new IllegalStateException("a queue message needs its store: at(storeId)");
        }
        List<String> fields = new ArrayList<>();
        if (movementId != null) {
            fields.add("\"movementId\": \"" + movementId + "\"");
        }
        fields.add("\"storeId\": " + storeId);
        if (toStoreId != null) {
            fields.add("\"toStoreId\": " + toStoreId);
        }
        return json(fields);
    }

    private String json(List<String> fields) {
        fields.add("\"productId\": " + productId);
        fields.add("\"type\": \"" + type + "\"");
        fields.add("\"quantity\": " + quantity);
        if (expectedQuantity != null) {
            fields.add("\"expectedQuantity\": " + expectedQuantity);
        }
        if (reservationId != null) {
            fields.add("\"reservationId\": \"" + reservationId + "\"");
        }
        if (reason != null) {
            fields.add("\"reason\": \"" + reason + "\"");
        }
        if (occurredAt != null) {
            fields.add("\"occurredAt\": \"" + occurredAt + "\"");
        }
        if (actor != null) {
            fields.add("\"actor\": \"" + actor + "\"");
        }
        return "{" + String.join(", ", fields) + "}";
    }
}
