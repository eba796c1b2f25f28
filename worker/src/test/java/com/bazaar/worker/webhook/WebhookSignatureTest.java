package com.bazaar.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final byte[] BODY = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampDotTheRawBodyWithTheSecretsUtf8Bytes() {
        // python3 -c 'import hmac,hashlib;print(hmac.new(b"whsec_test",b"1700000000.{\"id\":\"x\"}",hashlib.sha256).hexdigest())'
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=80e8d098018f757aa814ab1abb924f35d304affa1d93d29611a54696207eb7c3");
    }

    @Test
    void anotherSecretTimeOrBodyGivesAnotherSignature() {
        String signature = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);

        assertThat(WebhookSignature.header("whsec_other", 1_700_000_000L, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_001L, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, "{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
    }
}
