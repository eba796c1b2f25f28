package com.bazaar.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON as the contract wants it: no silent coercion ({@code "5"} or {@code 1.5} into an int, {@code 42}
 * or {@code true} into a string, {@code 1} or {@code "in "} into an enum), no unknown or repeated fields, no
 * trailing garbage, no NUL characters or lone surrogates, ISO-8601 timestamps.
 */
public final class StrictJson {
    private StrictJson() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-instants").addDeserializer(Instant.class, new TextOnlyInstantDeserializer()));
        mapper.registerModule(new SimpleModule("strict-strings").addDeserializer(String.class, new TextStringDeserializer())
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                                      BeanDescription description,
                                                                      JsonDeserializer<?> deserializer) {
                        return new UntrimmedEnumDeserializer(type.getRawClass(), deserializer);
                    }
                }));
        return mapper;
    }

    /**
     * A string as Jackson reads it, minus NUL characters, which no text column (and no name) can hold, and minus
     * lone surrogates ({@code "\ud800"} is valid JSON syntax but no character): UTF-8 cannot encode one, so it would
     * be stored as {@code ?}.
     */
    private static final class TextStringDeserializer extends StdScalarDeserializer<String> {
        TextStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, "NUL characters are not allowed");
            }
            String escaped = value == null ? null : escapeLoneSurrogates(value);
            if (escaped != null && !escaped.equals(value)) {
                return (String) context.handleWeirdStringValue(String.class, escaped,
                        "lone surrogates (an unpaired \\ud800-\\udfff escape) are not characters");
            }
            return value;
        }

        /** The value with each lone surrogate written as its escape (so the error message can be encoded). */
        private static String escapeLoneSurrogates(String value) {
            StringBuilder text = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    text.append(c).append(value.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    text.append(String.format("\\u%04x", (int) c));
                } else {
                    text.append(c);
                }
            }
            return text.toString();
        }
    }

    /** Jackson trims an enum's name before looking it up ({@code "in "} would be {@code in}); the contract does not. */
    private static final class UntrimmedEnumDeserializer extends StdDeserializer<Object> {
        private final JsonDeserializer<?> enums;

        UntrimmedEnumDeserializer(Class<?> type, JsonDeserializer<?> enums) {
            super(type);
            this.enums = enums;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.hasToken(JsonToken.VALUE_STRING) ? parser.getText() : null;
            if (text != null && !(text.equals(text.trim()) && text.equals(text.strip()))) {
                return context.handleWeirdStringValue(handledType(), text, "not one of the accepted names");
            }
            return enums.deserialize(parser, context);
        }
    }

    /** Jackson's own Instant parsing, minus its acceptance of epoch numbers: the contract speaks ISO-8601 only. */
    private static final class TextOnlyInstantDeserializer extends StdScalarDeserializer<Instant> {
        TextOnlyInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
