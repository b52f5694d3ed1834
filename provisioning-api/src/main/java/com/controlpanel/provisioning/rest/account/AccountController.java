package com.controlpanel.provisioning.rest.account;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.security.AdminAccounts;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.AdminSessions;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in admin's own account. */
@RestController
@RequestMapping("/api/account")
public class AccountController {

    /** A change of the admin's own password. */
    public record ChangePassword(String currentPassword, String newPassword) {}

    /** The admin's Control Panel sessions signed in now. */
    public record Sessions(List<AdminSessions.SignedIn> sessions) {}

    /** How many Control Panel sessions were ended. */
    public record Ended(int ended) {}

    private final AdminAccounts accounts;
    private final AdminSessions sessions;

    public AccountController(AdminAccounts accounts, AdminSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /** The admin's Control Panel sessions signed in now, on every node, the latest seen first. */
    @GetMapping("/sessions")
    public Sessions sessions(@AuthenticationPrincipal AdminUser admin) {
        return new Sessions(sessions.others(admin, null));
    }

    /**
     * Signs the admin out of every Control Panel session of theirs, on every node (a computer left signed in): their
     * next page asks to sign in again. The JSON API itself keeps no session: its requests go on with the password.
     */
    @DeleteMapping("/sessions")
    public Ended endSessions(@AuthenticationPrincipal AdminUser admin) {
        return new Ended(sessions.endOthers(admin, null));
    }

    /** 204 once changed; the current password must be given again (a request with a stolen session is not enough). */
    @PostMapping("/password")
    public ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal AdminUser admin, @RequestBody(required = false) ChangePassword body) {
        if (body == null || body.currentPassword() == null || body.newPassword() == null) {
            throw new InvalidValueException("currentPassword and newPassword are required");
        }
        AdminPasswords.Outcome outcome = accounts.change(admin, body.currentPassword(), body.newPassword());
        if (outcome.kind() == AdminPasswords.Outcome.Kind.WRONG_CURRENT_PASSWORD) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "wrong-current-password", "currentPassword is not this admin's password");
        }
        if (outcome.kind() == AdminPasswords.Outcome.Kind.TOO_MANY_ATTEMPTS) {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-attempts",
                    "Too many wrong current passwords for this admin: try again in " + outcome.retryAfterInWords(),
                    outcome.retryAfterSeconds());
        }
        return ResponseEntity.noContent().build();
    }
}
