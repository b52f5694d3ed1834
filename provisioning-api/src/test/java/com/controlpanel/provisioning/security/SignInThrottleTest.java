package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
    void aNewPasswordGivenForgetsTheEmailsLocksFromEveryAddressOnly() {
        fail(SignInThrottle.ALLOWED_FAILURES, "ann@example.com", "10.0.0.1");
        fail(SignInThrottle.ALLOWED_FAILURES, "ann@example.com", "10.0.0.2");
        fail(SignInThrottle.ALLOWED_FAILURES, "bob@example.com", "10.0.0.1");

        throttle.forgive(" ANN@example.com");

        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.2")).isEmpty();
        assertThat(throttle.lockedFor("bob@example.com", "10.0.0.1"))
                .as("another email's lock stays")
                .isPresent();
        fail(SignInThrottle.ALLOWED_FAILURES - 1, "ann@example.com", "10.0.0.1");
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1"))
                .as("counted afresh")
                .isEmpty();
    }

    @Test
    void aFloodOfGuessesOnOtherEmailsDoesNotLiftALock() {
        fail(SignInThrottle.ALLOWED_FAILURES, "ann@example.com", "10.0.0.1");
        for (int i = 0; i < InMemorySignInFailures.MAX_TRACKED + 10; i++) {
            throttle.attempt("guess-" + i + "@example.com", "10.0.0.1").failed();
        }

        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isPresent();
        assertThatThrownBy(() -> throttle.attempt("ann@example.com", "10.0.0.1"))
                .isInstanceOf(SignInThrottledException.class);
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
    void checksStartedAtOnceAreCountedBeforeAnyOfThemFails() throws Exception {
        // requests sent together: ten take their places before the first password is compared, the rest wait
        List<SignInThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < SignInThrottle.ALLOWED_FAILURES; i++) {
            running.add(throttle.attempt("ann@example.com", "10.0.0.1"));
        }
        CompletableFuture<SignInThrottle.Attempt> eleventh =
                CompletableFuture.supplyAsync(() -> throttle.attempt("ann@example.com", "10.0.0.1"));
        Thread.sleep(200);
        assertThat(eleventh).as("waits for the running checks").isNotDone();
        running.forEach(SignInThrottle.Attempt::failed);
        assertThat(eleventh)
                .failsWithin(Duration.ofSeconds(3))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(SignInThrottledException.class);
        assertThat(locks).hasSize(1);
    }

    @Test
    void manyRequestsAtOnceWithTheRightPasswordGoOnAsTheChecksPass() throws Exception {
        List<SignInThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < SignInThrottle.ALLOWED_FAILURES; i++) {
            running.add(throttle.attempt("ann@example.com", "10.0.0.1"));
        }
        CompletableFuture<SignInThrottle.Attempt> eleventh =
                CompletableFuture.supplyAsync(() -> throttle.attempt("ann@example.com", "10.0.0.1"));
        running.get(0).passed();
        assertThat(eleventh.get(3, TimeUnit.SECONDS)).isNotNull();
        running.subList(1, running.size()).forEach(SignInThrottle.Attempt::passed);
        assertThat(throttle.lockedFor("ann@example.com", "10.0.0.1")).isEmpty();
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
