package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.ui.RetryAfter;
import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords for this email from this address: refused without checking, for {@link #retryAfter}. */
public class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("Too many wrong passwords for this email from this address: try again in "
                + RetryAfter.inWords(retryAfter));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return RetryAfter.seconds(retryAfter);
    }
}
