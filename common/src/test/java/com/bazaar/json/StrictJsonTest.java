package com.bazaar.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.bazaar.movement.MovementType;
import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
    record Sample(Integer quantity, String name, Instant at, MovementType type) {
    }

    private final ObjectMapper mapper = StrictJson.configure(Jackson.newObjectMapper());

    @Test
    void readsWellTypedJson() throws Exception {
        Sample sample = mapper.readValue("{\"quantity\": 5, \"name\": \"x\", \"at\": \"2026-11-24T10:15:30Z\"}", Sample.class);
        assertThat(sample).isEqualTo(new Sample(5, "x", Instant.parse("2026-11-24T10:15:30Z"), null));
        assertThat(mapper.writeValueAsString(sample)).contains("\"at\":\"2026-11-24T10:15:30Z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"quantity\": \"5\"}", "{\"quantity\": 1.5}", "{\"quantity\": 5.0}", "{\"quantity\": \"\"}",
            "{\"quantity\": true}", "{\"name\": 42}", "{\"name\": 4.2}", "{\"name\": false}", "{\"at\": 1732443330}",
            "{\"type\": 1}", "{\"type\": \"1\"}", "{\"type\": \"in \"}", "{\"type\": \" in\"}", "{\"type\": \"in\\u0000\"}",
            "{\"type\": \"IN\"}", "{\"name\": \"a\\u0000b\"}"})
    void coercesNothing(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Sample.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void rejectsUnknownFieldsAndTrailingTokens() {
        assertThatThrownBy(() -> mapper.readValue("{\"other\": 1}", Sample.class)).isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\"} {}", Sample.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\", \"name\": \"b\"}", Sample.class)).isInstanceOf(JsonParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"\\ud800\"}", "{\"name\": \"a\\udc00b\"}", "{\"name\": \"\\ude00\\ud83d\"}",
            "{\"name\": \"\\ud83d\\ud83d\"}"})
    void refusesLoneSurrogatesInsteadOfStoringThemAlteredAndSaysWhich(String json) {
        assertThatThrownBy(() -> mapper.readValue(bytes(json), Sample.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("lone surrogates")
                .satisfies(e -> assertThat(((InvalidFormatException) e).getValue().toString()).matches("[a-z\\\\u0-9]+"));
    }

    @Test
    void readsSurrogatePairsWhetherEscapedOrNot() throws Exception {
        assertThat(mapper.readValue(bytes("{\"name\": \"\\ud83d\\ude00 \uD83D\uDE00\"}"), Sample.class).name())
                .isEqualTo("\uD83D\uDE00 \uD83D\uDE00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"\\ud83d\\ude00\": 1}", "{\"\uD83D\uDE00\": 1}", "{\"\u00e9t\u00e9\": 1}"})
    void aNonAsciiKeyIsAnUnknownFieldLikeAnyOther(String json) {
        assertThatThrownBy(() -> mapper.readValue(bytes(json), Sample.class)).isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void aWrongTypeIsSaidAsOneAndARefusedStringAsTheTextRule() {
        assertThat(problem("{\"name\": 42}")).isEqualTo("Field 'name' must be a string (got 42)");
        assertThat(problem("{\"name\": \"\\ud800\"}"))
                .isEqualTo("Field 'name' must be a string without NUL characters or lone surrogates (got \\ud800)");
    }

    private String problem(String json) {
        try {
            mapper.readValue(bytes(json), Sample.class);
            throw new AssertionError("read " + json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JsonProblems.describe(e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** As a request body arrives: bytes, read by Jackson's UTF-8 parser (not the one for text). */
    private static InputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
