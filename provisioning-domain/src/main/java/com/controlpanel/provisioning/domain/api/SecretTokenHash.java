package com.controlpanel.provisioning.domain.api;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of a secret token, hex-encoded: what the event store and the lookup tables keep. A token of 256 random
 * bits needs no slow hash; comparison is in constant time.
 */
public record SecretTokenHash(String value) implements SingleValue {

    public SecretTokenHash {
        if (value == null || !value.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("A secret token hash is 64 lowercase hex digits");
        }
    }

    public static SecretTokenHash of(String token) {
        return new SecretTokenHash(SecretToken.hex(SecretToken.sha256(token)));
    }

    /** Whether the presented token is the one this is the hash of, in time independent of where they differ. */
    public boolean matches(String presentedToken) {
        if (presentedToken == null) {
            return false;
        }
        byte[] presented = SecretToken.sha256(presentedToken);
        return MessageDigest.isEqual(presented, HexFormat.of().parseHex(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
