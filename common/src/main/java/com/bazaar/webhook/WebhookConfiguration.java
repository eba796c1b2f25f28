package com.bazaar.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code webhooks} block both processes read: the key that seals the subscriptions' signing secrets
 * (WEBHOOK_SECRET_KEY, base64 of 32 bytes) and whether private addresses and plain http are allowed
 * (WEBHOOK_ALLOW_PRIVATE, development only).
 */
public class WebhookConfiguration {
    private String secretKey;
    private boolean allowPrivate;

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public boolean isAllowPrivate() {
        return allowPrivate;
    }

    public void setAllowPrivate(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The sealing key; empty when none is configured (webhooks are then off). */
    @JsonIgnore
    public Optional<SecretBox> secretBox() {
        if (secretKey == null || secretKey.isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secretKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhooks.secretKey (WEBHOOK_SECRET_KEY) is not base64");
        }
        return Optional.of(new SecretBox(key));
    }
}
