package io.github.alationgateway.webhooks;

import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} and the base64 of 24 to 64 random bytes. Only the bytes are
 * kept, and they never print.
 */
final class WebhookSecret {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** Parses {@code value}; a bad one fails with a message naming {@code setting}, never quoting the value. */
    static WebhookSecret parse(String setting, String value) {
        String expected = setting + " must be " + PREFIX + " followed by the base64 of 24 to 64 random bytes"
                + " (e.g. " + PREFIX + "$(head -c 32 /dev/urandom | base64))";
        if (value == null || value.isBlank()) throw new IllegalArgumentException(setting + " must be set; " + expected);
        if (!value.startsWith(PREFIX)) throw new IllegalArgumentException(expected);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected + "; it is not valid base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException(expected + "; it holds " + key.length + " bytes");
        }
        return new WebhookSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return PREFIX + "******";
    }
}
