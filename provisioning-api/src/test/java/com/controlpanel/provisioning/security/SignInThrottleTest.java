package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    private void fail(int times, String email, String client) {
        for (int i = 0; i < times; i++) {
            throttle.failed(email, client);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void tenWrongPasswordsLockTheEmailFromThatAddressUntilTheWindowEnds() {
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
        fail(1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ANN@example.com ", "10.0.0.1"))
                .as("the email as typed in any case")
                .hasValue(SignInThrottle.WINDOW.minusSeconds(SignInThrottle.ALLOWED_FAILURES));

        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.2"))
                .as("the admin signing in from elsewhere")
                .isEmpty();
        assertThat(throttle.lockedFor("bob@example.com", "10.0.0.1")).isEmpty();

        clock.advance(SignInThrottle.WINDOW);
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
        fail(1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1"))
                .as("a new window counts afresh")
                .isEmpty();
    }

    @Test
    void theRightPasswordStartsAfresh() {
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        throttle.succeeded("ann@example.com", "10.0.0.1");
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
        fail(1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isPresent();
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1").orElseThrow())
                .isLessThanOrEqualTo(Duration.ofMinutes(15));
    }
}
