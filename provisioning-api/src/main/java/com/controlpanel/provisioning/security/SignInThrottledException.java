package com.controlpanel.provisioning.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords for this email from this address: refused without checking, for {@link #retryAfter}. */
public class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("Too many wrong passwords for this email from this address: try again in " + minutes(retryAfter));
        this.retryAfter = retryAfter;
    }

    private static String minutes(Duration retryAfter) {
        long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
