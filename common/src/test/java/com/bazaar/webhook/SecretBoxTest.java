package com.bazaar.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final UUID ID = UUID.randomUUID();

    @Test
    void aSecretIsPrefixedRandomAndUrlSafe() {
        String secret = SecretBox.newSecret();

        assertThat(secret).startsWith("whsec_").hasSize(6 + 43).matches("whsec_[A-Za-z0-9_-]+");
        assertThat(SecretBox.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void aSealedSecretOpensWithTheKeyAndIdOnlyAndDoesNotShowIt() {
        var box = new SecretBox(KEY);
        String secret = SecretBox.newSecret();
        byte[] sealed = box.seal(ID, secret);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6, 16));
        assertThat(box.open(ID, sealed)).isEqualTo(secret);
        assertThat(box.seal(ID, secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> box.open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> new SecretBox(otherKey).open(ID, sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOK_SECRET_KEY");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(ID, tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new SecretBox(Arrays.copyOf(KEY, 16))).hasMessageContaining("32 bytes");
        var config = new WebhookConfiguration();
        assertThat(config.secretBox()).isEmpty();
        config.setSecretKey("not base64!");
        assertThatThrownBy(config::secretBox).hasMessageContaining("not base64");
    }
}
