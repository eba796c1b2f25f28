package com.bazaar.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Says what is wrong with a JSON body in words its sender can act on: which field, and what it must be. */
public final class JsonProblems {
    private JsonProblems() {
    }

    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamReadException) {
            return "Malformed JSON: " + e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + path(unknown) + "'";
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String value = mismatch instanceof InvalidFormatException invalid ? " (got " + invalid.getValue() + ")" : "";
            // A string refused as a string: StrictJson's text rules, not a wrong type.
            // (A number where a string belongs is refused as a wrong type, its value a number.)
            String expected = mismatch instanceof InvalidFormatException invalid && mismatch.getTargetType() == String.class
                    && invalid.getValue() instanceof String
                    ? "a string without NUL characters or lone surrogates" : expected(mismatch.getTargetType());
            return "Field '" + path(mismatch) + "' must be " + expected + value;
        }
        return "The body must be a JSON object with the documented fields";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp with offset, such as 2026-11-24T10:15:30Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "a JSON " + (type.isArray() || Iterable.class.isAssignableFrom(type) ? "array" : "object");
    }
}
