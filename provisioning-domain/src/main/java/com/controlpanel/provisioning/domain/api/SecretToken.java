package com.controlpanel.provisioning.domain.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SCIM secret token: 256 random bits from a CSPRNG, shown once when issued. Only {@link #hash()} is ever stored.
 * {@link #toString()} never reveals the token.
 */
public final class SecretToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "scim_";

    private final String value;

    private SecretToken(String value) {
        this.value = value;
    }

    public static SecretToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token itself, to hand to the admin exactly once. */
    public String reveal() {
        return value;
    }

    public SecretTokenHash hash() {
        return SecretTokenHash.of(value);
    }

    @Override
    public String toString() {
        return "SecretToken[hidden]";
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
