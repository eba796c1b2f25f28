package com.bazaar.movement;

import com.bazaar.json.JsonProblems;
import com.bazaar.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;

/** The JSON form of {@link MovementMessage}, read as strictly as the HTTP API reads its bodies. */
public final class MovementCodec {
    private final ObjectMapper json = StrictJson.configure(Jackson.newObjectMapper());
    private final Validator validator = Validators.newValidator();

    public String encode(MovementMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message, e);
        }
    }

    /** @throws InvalidMessageException with a reason a producer can act on, when the body is not a movement */
    public MovementMessage decode(String body) {
        MovementMessage message;
        try {
            message = json.readValue(body, MovementMessage.class);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not a stock movement: " + JsonProblems.describe(e));
        }
        if (message == null) {
            throw new InvalidMessageException("not a stock movement: the body is JSON null");
        }
        Set<ConstraintViolation<MovementMessage>> violations = validator.validate(message);
        if (!violations.isEmpty()) {
            throw new InvalidMessageException("invalid stock movement: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        return message;
    }

    public static final class InvalidMessageException extends RuntimeException {
        public InvalidMessageException(String reason) {
            super(reason);
        }
    }
}
