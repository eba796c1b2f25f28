package com.bazaar.service.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.errors.ErrorResponse;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

class UnexpectedErrorMapperTest {
    private final UnexpectedErrorMapper mapper = new UnexpectedErrorMapper();

    @Test
    void aBugIsA500ThatLeaksNothing() {
        Response response = mapper.toResponse(new IllegalStateException("SELECT secret FROM users at com.bazaar.Foo"));

        assertThat(response.getStatus()).isEqualTo(500);
        ErrorResponse body = (ErrorResponse) response.getEntity();
        assertThat(body.code()).isEqualTo(500);
        assertThat(body.message()).doesNotContain("SELECT").doesNotContain("IllegalState").doesNotContain("com.bazaar");
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() {
        var refused = new ConnectionException(new SQLException("Connection refused", "08001"));

        Response response = mapper.toResponse(new RuntimeException(refused));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ErrorResponse) response.getEntity()).message()).doesNotContain("refused");
    }
}
