package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<String> locks = new ArrayList<>();
    private final SignInThrottle throttle = new SignInThrottle(clock, locks::add);

    private void fail(int times, String email, String client) {
        for (int i = 0; i < times; i++) {
            throttle.attempt(email, client).failed();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void tenWrongPasswordsLockTheEmailFromThatAddressUntilTheWindowEnds() {
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
        assertThat(locks).isEmpty();
        fail(1, "ann@example.com", "10.0.0.1");
        assertThat(locks).containsExactly("ann@example.com from 10.0.0.1");
        assertThat(throttle.lockedFor("ANN@example.com ", "10.0.0.1"))
                .as("the email as typed in any case")
                .hasValue(SignInThrottle.WINDOW.minusSeconds(SignInThrottle.ALLOWED_FAILURES));
        assertThatThrownBy(() -> throttle.attempt("ann@example.com", "10.0.0.1"))
                .isInstanceOf(SignInThrottledException.class)
                .hasMessageEndingWith("try again in 15 minutes");

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
    void theRightPasswordStartsAfreshAndNoAnswerGivesThePlaceBack() {
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        throttle.attempt("ann@example.com", "10.0.0.1").passed();
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        for (int i = 0; i < 5; i++) {
            throttle.attempt("ann@example.com", "10.0.0.1").undone();
        }
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
        fail(1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isPresent();
    }

    @Test
    void checksStartedAtOnceAreCountedBeforeAnyOfThemFails() {
        // requests sent together: every one takes its place before the first password is compared
        List<SignInThrottle.Attempt> running = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            try {
                running.add(throttle.attempt("ann@example.com", "10.0.0.1"));
            } catch (SignInThrottledException e) {
                refused++;
            }
        }
        assertThat(running).hasSize(SignInThrottle.ALLOWED_FAILURES);
        assertThat(refused).isEqualTo(30 - SignInThrottle.ALLOWED_FAILURES);
        running.forEach(SignInThrottle.Attempt::failed);
        assertThat(locks).hasSize(1);
    }

    @Test
    void anIpv6ClientIsItsSlash64HoweverWritten() {
        assertThat(SignInThrottle.clientKey("2001:db8::1")).isEqualTo(SignInThrottle.clientKey("2001:0db8:0:0::7"));
        assertThat(SignInThrottle.clientKey("2001:db8:0:0:1::1"))
                .isEqualTo(SignInThrottle.clientKey("[2001:db8::ffff:1]"));
        assertThat(SignInThrottle.clientKey("2001:db8:0:1::1")).isNotEqualTo(SignInThrottle.clientKey("2001:db8::1"));
        assertThat(SignInThrottle.clientKey("::1")).isEqualTo(SignInThrottle.clientKey("0:0:0:0:0:0:0:1"));
        assertThat(SignInThrottle.clientKey("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(SignInThrottle.clientKey(null)).isEqualTo("unknown");
    }
}
