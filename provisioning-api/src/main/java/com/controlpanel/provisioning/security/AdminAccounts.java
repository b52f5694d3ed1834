package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.LookAlikes;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.storage.CaseKeys;
import com.controlpanel.provisioning.storage.StorableInstants;
import com.controlpanel.provisioning.ui.AdminOrganizations;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Admin accounts: email, bcrypt password hash, and the organizations each one manages. */
@Component
public class AdminAccounts implements UserDetailsService, AdminOrganizations, AdminPasswords {

    private static final Logger log = LoggerFactory.getLogger(AdminAccounts.class);
    /** How stale an account's last sign-in may be shown: it is written again only after this long. */
    static final Duration SIGN_IN_PRECISION = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PASSWORD_BYTES = RecentlyVerifiedPasswords.BCRYPT_MAX_BYTES;
    /** The throttle's "client" for an admin's own password given again (to change it, to confirm an action). */
    private static final String CHANGING_PASSWORD = "password change";

    private static final String KEPT_ACCOUNTS =
            CaseKeys.keptHolders(CaseKeys.ADMIN, "x.admin_id, x.email, x.password_hash, x.operator");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwordEncoder;
    private final PasswordStamps stamps;
    private final SignInThrottle throttle;

    /** When this node last wrote each account's sign-in. */
    private final Map<AdminId, Instant> signInsWritten = new ConcurrentHashMap<>();

    public AdminAccounts(
            JdbcTemplate jdbc, PasswordEncoder passwordEncoder, PasswordStamps stamps, SignInThrottle throttle) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.stamps = stamps;
        this.throttle = throttle;
    }

    @Override
    public AdminUser loadUserByUsername(String email) {
        return findByEmail(email).orElseThrow(() -> new UsernameNotFoundException("No admin " + email));
    }

    public Optional<AdminUser> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String given = email.strip();
        String key = CaseInsensitive.key(given);
        // lower-cased alone: the key of an account that kept it when schema 19 found another's email folding to the
        // same (CaseKeys), looked up first so that it still signs in; for every other email the two are one. Such an
        // account is found by the case-folded key too (kept_case_key) when no other holds it: never made again
        String lowerCased = given.toLowerCase(Locale.ROOT);
        RowMapper<AdminUser> account = (rs, n) ->
                new AdminUser(new AdminId(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getBoolean(4));
        List<AdminUser> found = jdbc.query(
                "SELECT admin_id, email, password_hash, operator FROM admin_account WHERE email_key IN (?, ?)"
                        + " ORDER BY CASE WHEN email_key = ? THEN 0 ELSE 1 END",
                account,
                lowerCased,
                key,
                lowerCased);
        if (found.isEmpty()) {
            found = jdbc.query(KEPT_ACCOUNTS, account, "", key);
        }
        return found.stream().findFirst();
    }

    /**
     * Notes that the account signed in now, for the operator's list of accounts. Written at most every
     * {@link #SIGN_IN_PRECISION} per account on this node (the JSON API signs in on every request); a failure to write
     * it does not fail the sign-in.
     */
    public void signedIn(AdminId adminId) {
        Instant now = Instant.now();
        Instant written = signInsWritten.get(adminId);
        if (written != null && written.plus(SIGN_IN_PRECISION).isAfter(now)) {
            return;
        }
        signInsWritten.put(adminId, now);
        try {
            jdbc.update(
                    "UPDATE admin_account SET last_signed_in_at = ? WHERE admin_id = ?",
                    StorableInstants.utc(now),
                    adminId.value());
        } catch (DataAccessException e) {
            signInsWritten.remove(adminId);
            // the admin is signed in; All accounts shows the previous sign-in until the next one is noted
            log.warn("Could not note the sign-in of admin {}: {}", adminId.value(), e.toString());
        }
    }

    public boolean any() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM admin_account", Integer.class);
        return count != null && count > 0;
    }

    /** The email of the first operator created: the admin a later start names for signing in. */
    public Optional<String> firstOperatorEmail() {
        return jdbc
                .query(
                        "SELECT email FROM admin_account WHERE operator = TRUE ORDER BY created_at, admin_id",
                        (rs, n) -> rs.getString(1))
                .stream()
                .findFirst();
    }

    /** Sets an existing account's password (hashed with bcrypt); returns whether there is such an account. */
    public boolean setPassword(String email, String rawPassword) {
        requireStrong(rawPassword);
        return findByEmail(email)
                .map(admin -> storePassword(admin, rawPassword))
                .orElse(false);
    }

    /**
     * Gives an account a new password (the operator's, for an admin who forgot theirs) and forgets every node's count
     * of the wrong ones tried for its email, so that the new one is not refused by a lock the forgotten one earned;
     * returns whether there is such an account.
     */
    public boolean givePassword(String email, String rawPassword) {
        boolean given = setPassword(email, rawPassword);
        if (given) {
            throttle.forgive(email);
        }
        return given;
    }

    /**
     * The admin's own change of their password: the current one must match. Every Control Panel session of the admin
     * is signed out on its next page ({@link PasswordStamps}) but the one {@link #keepSignedIn} is told of; a JSON API
     * script must send the new password from now on.
     */
    @Override
    public Outcome change(ControlPanelAdmin admin, String currentPassword, String newPassword) {
        AdminUser account = own(admin);
        Outcome checked = check(account, currentPassword);
        if (checked.kind() != Outcome.Kind.CONFIRMED) {
            return checked;
        }
        requireStrong(newPassword);
        storePassword(account, newPassword);
        log.info("Admin {} changed their password", account.email());
        return Outcome.CHANGED;
    }

    @Override
    public Outcome confirm(ControlPanelAdmin admin, String password) {
        return check(own(admin), password);
    }

    private AdminUser own(ControlPanelAdmin admin) {
        return findByEmail(admin.email())
                .filter(found -> found.adminId().equals(admin.adminId()))
                .orElseThrow(() -> new UsernameNotFoundException("No admin " + admin.email()));
    }

    /** Whether the password given is the account's own: wrong ones counted, as a stranger's sign-ins are. */
    private Outcome check(AdminUser account, String password) {
        SignInThrottle.Attempt attempt;
        try {
            // whoever holds a session of the admin's guesses their password at most as fast as a stranger signing in
            attempt = throttle.attempt(account.email(), CHANGING_PASSWORD);
        } catch (SignInThrottledException e) {
            return Outcome.tooManyAttempts(e.retryAfter());
        }
        if (password == null || !passwordEncoder.matches(password, account.getPassword())) {
            attempt.failed();
            return Outcome.WRONG_CURRENT_PASSWORD;
        }
        attempt.passed();
        return Outcome.CONFIRMED;
    }

    @Override
    public void keepSignedIn(ControlPanelAdmin admin, HttpSession session) {
        stamps.stamp(admin.adminId(), session);
    }

    private boolean storePassword(AdminUser admin, String rawPassword) {
        return jdbc.update(
                        "UPDATE admin_account SET password_hash = ? WHERE admin_id = ?",
                        passwordEncoder.encode(rawPassword),
                        admin.adminId().value())
                > 0;
    }

    /**
     * At least 8 characters, not all of them spaces, and at most the 72 bytes bcrypt hashes (more would be cut off, so
     * it refuses them).
     */
    public static void requireStrong(String rawPassword) {
        if (rawPassword == null || rawPassword.length() < 8) {
            throw new InvalidValueException("An admin password must be at least 8 characters");
        }
        if (rawPassword.isBlank()) {
            throw new InvalidValueException("An admin password must be at least 8 characters, not only spaces");
        }
        if (rawPassword.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidValueException("An admin password must be at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (72 letters or digits without accents; an accented letter takes 2)");
        }
    }

    /** RFC 5322's specials but the quote, the dot and the at sign, checked apart: never in an address unquoted. */
    private static final String SPECIALS = "()<>[]:;,\\";

    /** Creates an account; the password is hashed with bcrypt and never stored or logged as given. */
    public AdminUser create(String email, String rawPassword, boolean operator) {
        String normalized = checkedEmail(email);
        requireStrong(rawPassword);
        AdminId adminId = AdminId.random();
        String hash = passwordEncoder.encode(rawPassword);
        jdbc.update(
                "INSERT INTO admin_account (admin_id, email, email_key, password_hash, operator, created_at) "
                        + "VALUES (?,?,?,?,?,?)",
                adminId.value(),
                normalized,
                CaseInsensitive.key(normalized),
                hash,
                operator,
                StorableInstants.utc(Instant.now()));
        return new AdminUser(adminId, normalized, hash, operator);
    }

    /**
     * The email a new account may have, stripped of the spaces around it.
     *
     * @throws InvalidValueException for one that is no email, too long, or written with characters that make it look
     *     like another
     */
    public static String checkedEmail(String email) {
        String normalized = email == null ? "" : email.strip();
        if (normalized.isEmpty()
                || normalized.length() > 254
                || normalized.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException("An admin needs an email without spaces, at most 254 characters");
        }
        if (LookAlikes.looksLikeAnother(normalized)) {
            throw new InvalidValueException("An admin's email must be written plainly: '" + normalized
                    + "' holds invisible, space or compatibility characters (a full-width letter, a long s…) that"
                    + " make it look like another address");
        }
        Optional<String> passing = LookAlikes.emailPassingForAnother(normalized);
        if (passing.isPresent()) {
            throw new InvalidValueException("An admin's email must be written plainly: '" + normalized + "' would pass"
                    + " for another address: " + passing.get());
        }
        try {
            EmailAddress.work(normalized);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("An admin signs in with an email address: '" + normalized + "' is not one");
        }
        if (!plainlyWritten(normalized)) {
            throw new InvalidValueException("An admin's email must be written plainly: '" + normalized + "' would pass"
                    + " for another address (a quoted part; a character only a quoted part may hold, one of "
                    + SPECIALS + "; or a dot at the start or end of a part or two in a row, as in alice@example.com.)");
        }
        return normalized;
    }

    /**
     * Neither part of the address quoted, nor either begun or ended by a dot, nor holding two in a row: mail servers
     * read {@code alice@example.com.} and {@code "alice"@example.com} as {@code alice@example.com}, and a list of
     * admins, Activity's "who" and the exports showed them beside it as another admin.
     */
    private static boolean plainlyWritten(String email) {
        // and none of the characters an address holds only in quotes (RFC 5322's specials): mail reads "a,b@x" as two
        // addresses, "a(b)@x" as a@x with a comment, "<a>@x" as the address a
        int at = email.indexOf('@');
        for (String part : List.of(email.substring(0, at), email.substring(at + 1))) {
            if (part.startsWith(".") || part.endsWith(".") || part.contains("..") || part.contains("\"")) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (SPECIALS.indexOf(part.charAt(i)) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The organizations granted to this admin; an operator manages all of them, granted or not. */
    @Override
    public List<OrganizationId> organizationsOf(ControlPanelAdmin admin) {
        return jdbc.query(
                "SELECT organization_id FROM admin_organization WHERE admin_id = ? ORDER BY organization_id",
                (rs, n) -> new OrganizationId(rs.getString(1)),
                admin.adminId().value());
    }

    @Override
    public boolean manages(ControlPanelAdmin admin, OrganizationId organizationId) {
        if (admin.operator()) {
            return true;
        }
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM admin_organization WHERE admin_id = ? AND organization_id = ?",
                Integer.class,
                admin.adminId().value(),
                organizationId.value());
        return count != null && count > 0;
    }

    /** A random password for an account created without one: 20 URL-safe characters (120 bits). */
    public static String generatePassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
