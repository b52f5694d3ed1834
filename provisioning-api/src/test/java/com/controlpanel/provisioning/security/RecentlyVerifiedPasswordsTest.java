package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.MovableClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RecentlyVerifiedPasswordsTest {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    };
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(counting, clock);

    @Test
    void aPasswordThatMatchedIsNotHashedAgainForAFewMinutes() {
        String stored = passwords.encode("correct horse");

        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(bcryptChecks).hasValue(1);

        clock.advance(RecentlyVerifiedPasswords.REMEMBER_FOR.plusSeconds(1));
        assertThat(passwords.matches("correct horse", stored)).isTrue();
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void aWrongPasswordCostsAFullCheckEveryTime() {
        String stored = passwords.encode("correct horse");
        passwords.matches("correct horse", stored);

        assertThat(passwords.matches("correct horsf", stored)).isFalse();
        assertThat(passwords.matches("correct horsf", stored)).isFalse();
        assertThat(passwords.matches("", stored)).isFalse();
        assertThat(bcryptChecks).hasValue(4);
    }

    /** Bcrypt reads 72 bytes: anything after a password of 72 bytes matched it. */
    @Test
    void aPasswordLongerThanBcryptReadsMatchesNoneEvenWhenItsFirst72BytesDo() {
        String seventyTwo = "A".repeat(70) + "é"; // 72 bytes in UTF-8
        String stored = passwords.encode(seventyTwo);

        assertThat(passwords.matches(seventyTwo + "XYZ", stored)).isFalse();
        assertThat(passwords.matches(seventyTwo + "completely different", stored))
                .isFalse();
        assertThat(bcryptChecks)
                .as("each checked in full, as any wrong password is")
                .hasValue(2);
        assertThat(passwords.matches(seventyTwo, stored)).isTrue();
        assertThat(passwords.matches(seventyTwo + "XYZ", stored))
                .as("not from what was remembered")
                .isFalse();
    }

    @Test
    void aChangedPasswordIsCheckedAgainstItsNewHash() {
        String before = passwords.encode("old password");
        assertThat(passwords.matches("old password", before)).isTrue();

        String after = passwords.encode("new password");

        assertThat(passwords.matches("old password", after)).isFalse();
        assertThat(passwords.matches("new password", after)).isTrue();
        assertThat(bcryptChecks).hasValue(3);
    }
}
