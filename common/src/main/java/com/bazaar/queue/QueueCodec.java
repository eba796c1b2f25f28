package com.bazaar.queue;

import com.bazaar.json.JsonProblems;
import com.bazaar.json.StrictJson;
import com.bazaar.movement.MovementMessage;
import com.bazaar.movement.MovementRules.Problem;
import com.bazaar.reservation.HoldMessage;
import com.bazaar.reservation.HoldType;
import com.bazaar.reservation.ReservationRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON bodies of the movements queue, read as strictly as the HTTP API reads its bodies: a {@link HoldMessage}
 * when {@code type} is {@code reserve} or {@code release}, else a {@link MovementMessage}.
 */
public final class QueueCodec {
    private final ObjectMapper json = StrictJson.configure(Jackson.newObjectMapper());
    private final Validator validator = Validators.newValidator();

    public String encode(QueueMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message, e);
        }
    }

    /** @throws InvalidMessageException with a reason a producer can act on, when the body is neither */
    public QueueMessage decode(String body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not a stock movement: " + JsonProblems.describe(e));
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            throw new InvalidMessageException("not a stock movement: the body is JSON null");
        }
        JsonNode type = tree.get("type");
        boolean hold = type != null && type.isTextual()
                && Arrays.stream(HoldType.values()).anyMatch(t -> t.toString().equals(type.textValue()));
        return hold ? read(tree, HoldMessage.class, "hold message") : read(tree, MovementMessage.class, "stock movement");
    }

    private <T extends QueueMessage> T read(JsonNode tree, Class<T> type, String what) {
        T message;
        try {
            message = json.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not a " + what + ": " + JsonProblems.describe(e));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(message);
        Optional<Problem> shape = message instanceof HoldMessage h && violations.isEmpty()
                ? ReservationRules.messageProblem(h) : Optional.empty();
        if (!violations.isEmpty() || shape.isPresent()) {
            String problems = shape.map(p -> p.field() + " " + p.message()).orElseGet(() -> violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
            throw new InvalidMessageException("invalid " + what + ": " + problems);
        }
        return message;
    }

    public static final class InvalidMessageException extends RuntimeException {
        public InvalidMessageException(String reason) {
            super(reason);
        }
    }
}
