package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;

/**
 * The signed-in admin's own password, given again before an action a session left open must not take alone: one that
 * leaves someone a way in after the session ends (a new account with a password shown to whoever adds it, a password
 * given to another account) or takes one away (an account deleted).
 */
final class PasswordConfirmation {

    private PasswordConfirmation() {}

    /** Why the password given to confirm an action is refused; null when it is the admin's. */
    static String refused(AdminPasswords passwords, ControlPanelAdmin admin, String yourPassword) {
        if (yourPassword == null || yourPassword.isEmpty()) {
            return "Enter your password: nothing was changed";
        }
        AdminPasswords.Outcome outcome = passwords.confirm(admin, yourPassword);
        return switch (outcome.kind()) {
            case CONFIRMED -> null;
            case TOO_MANY_ATTEMPTS ->
                "Too many wrong passwords: try again in " + outcome.retryAfterInWords() + " (nothing was changed)";
            default -> "This is not your password: nothing was changed";
        };
    }
}
