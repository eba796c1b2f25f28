package com.bazaar.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.auth.basic.BasicCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicAuthorizationTest {

    static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNameAndPasswordSplitAtTheFirstColon() {
        assertThat(BasicAuthorization.parse(basic("ann:pa:ss"))).hasValue(new BasicCredentials("ann", "pa:ss"));
        assertThat(BasicAuthorization.parse(basic("ann:").replace("Basic", "basic"))).hasValue(new BasicCredentials("ann", ""));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic", "Basic ", "Bearer abc", "Basic not-base64!", "Basic YW5u" /* "ann", no colon */})
    void anythingElseIsNoCredentials(String header) {
        assertThat(BasicAuthorization.parse(header)).isEmpty();
    }

    @Test
    void anEmptyNameIsNoCredentials() {
        assertThat(BasicAuthorization.parse(basic(":secret"))).isEmpty();
    }
}
