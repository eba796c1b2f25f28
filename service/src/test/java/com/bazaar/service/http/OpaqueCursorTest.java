package com.bazaar.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class OpaqueCursorTest {
    @Test
    void aCursorComesBackAsItsFields() {
        String cursor = OpaqueCursor.encode("v1", 1_764_000_000_000_000L, 42);
        assertThat(cursor).doesNotContain("=", "+", "/");
        assertThat(OpaqueCursor.decode(cursor, "v1", 2)).hasValueSatisfying(fields -> assertThat(fields)
                .containsExactly(1_764_000_000_000_000L, 42));
    }

    @Test
    void anythingElseIsNoCursor() {
        String cursor = OpaqueCursor.encode("v1", 7);
        assertThat(OpaqueCursor.decode(cursor, "f1", 1)).as("another version").isEmpty();
        assertThat(OpaqueCursor.decode(cursor, "v1", 2)).as("another number of fields").isEmpty();
        for (String bad : new String[] {"", "%%%", "djE6eA", Base64.getUrlEncoder().encodeToString("v1:1:2:3".getBytes())}) {
            assertThat(OpaqueCursor.decode(bad, "v1", 1)).as(bad).isEmpty();
        }
    }
}
