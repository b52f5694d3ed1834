package com.controlpanel.provisioning.ui;

import jakarta.servlet.http.HttpSession;
import java.time.Duration;

/**
 * An admin's own password, changed by the admin, or given again to confirm a sensitive action; answered by the
 * application's admin accounts. A change signs out the admin's other Control Panel sessions.
 */
public interface AdminPasswords {

    /**
     * How a change went: done, or refused because the current password given is not the admin's (or too often not: then
     * also for how long it will be refused).
     */
    record Outcome(Kind kind, Duration retryAfter) {

        public static final Outcome CHANGED = new Outcome(Kind.CHANGED, Duration.ZERO);
        public static final Outcome CONFIRMED = new Outcome(Kind.CONFIRMED, Duration.ZERO);
        public static final Outcome WRONG_CURRENT_PASSWORD = new Outcome(Kind.WRONG_CURRENT_PASSWORD, Duration.ZERO);

        public enum Kind {
            CHANGED,
            /** The password given is the admin's: the action it confirms may go ahead. */
            CONFIRMED,
            WRONG_CURRENT_PASSWORD,
            /** Ten wrong current passwords within 15 minutes: refused without a check until then. */
            TOO_MANY_ATTEMPTS
        }

        public static Outcome tooManyAttempts(Duration retryAfter) {
            return new Outcome(Kind.TOO_MANY_ATTEMPTS, retryAfter);
        }

        /** Whole seconds, at least one: for {@code Retry-After}. */
        public long retryAfterSeconds() {
            return RetryAfter.seconds(retryAfter);
        }

        /** "a minute" or "N minutes", rounded up: for a message. */
        public String retryAfterInWords() {
            return RetryAfter.inWords(retryAfter);
        }
    }

    /**
     * Sets the admin's password to {@code newPassword} if {@code currentPassword} is theirs.
     *
     * @throws com.controlpanel.provisioning.domain.api.InvalidValueException if the new password is too short or too
     *     long, saying which
     */
    Outcome change(ControlPanelAdmin admin, String currentPassword, String newPassword);

    /**
     * Whether {@code password} is the admin's own, given again before a sensitive action of theirs (a session left open
     * is not enough to take it): {@link Outcome#CONFIRMED}, or refused as a wrong current password would be, the two
     * counted together.
     */
    Outcome confirm(ControlPanelAdmin admin, String password);

    /**
     * Keeps this session signed in with the admin's password as it is now: called in the session a change was made
     * in. Every other session of the admin is signed out by the change.
     */
    void keepSignedIn(ControlPanelAdmin admin, HttpSession session);
}
