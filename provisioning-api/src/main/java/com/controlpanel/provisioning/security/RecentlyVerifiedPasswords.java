package com.controlpanel.provisioning.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Bcrypt, remembering for a few minutes which password matched which stored hash. The JSON API authenticates every
 * request with HTTP Basic, and a bcrypt check costs about 100 ms of CPU: a script listing members page by page would
 * spend nearly all its time, and the server's, hashing the same password again.
 *
 * <p>Only successful checks are remembered, so guessing costs a full bcrypt every time. What is remembered is an
 * HMAC of the password and the stored hash under a key that lives only in this process's memory, never the password;
 * a new password means a new stored hash, which no remembered entry matches.
 */
final class RecentlyVerifiedPasswords implements PasswordEncoder {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    /** What bcrypt hashes of a password, in UTF-8. */
    static final int BCRYPT_MAX_BYTES = 72;

    private final PasswordEncoder delegate;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();

    RecentlyVerifiedPasswords(PasswordEncoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String entry = fingerprint(rawPassword, encodedPassword);
        long now = clock.millis();
        Long until = verifiedUntil.get(entry);
        if (until != null && until > now) {
            return true;
        }
        // checked in full all the same: a password refused for its length costs what any wrong one does
        boolean matches = delegate.matches(rawPassword, encodedPassword) && !pastBcryptsLength(rawPassword);
        if (matches) {
            if (verifiedUntil.size() >= MAX_ENTRIES) {
                verifiedUntil.values().removeIf(expiry -> expiry <= now);
                if (verifiedUntil.size() >= MAX_ENTRIES) {
                    verifiedUntil.clear();
                }
            }
            verifiedUntil.put(entry, now + REMEMBER_FOR.toMillis());
        } else {
            verifiedUntil.remove(entry);
        }
        return matches;
    }

    /**
     * Whether a password is longer than the 72 bytes bcrypt reads: no password is set so long (see {@link
     * AdminAccounts}), yet bcrypt compares only its first 72 bytes, so one with anything after a stored password of 72
     * bytes matched it.
     */
    private static boolean pastBcryptsLength(CharSequence rawPassword) {
        return rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
