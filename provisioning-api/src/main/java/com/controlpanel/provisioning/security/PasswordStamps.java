package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.SignedInSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a Control Panel session out once its admin's password changed elsewhere: each session carries a stamp of the
 * stored password hash it was signed in with, and every page compares it with the stored one (read from the database,
 * so a change on another node counts too). The session a change was made in is stamped again and stays signed in
 * ({@link AdminAccounts#keepSignedIn}). The JSON API needs none of this: it checks the password on every request.
 */
@Component
public class PasswordStamps implements SignedInSessions {

    static final String SESSION_ATTRIBUTE = PasswordStamps.class.getName() + ".stamp";
    /** Where a session signed out this way is sent: the sign-in page says why. */
    public static final String SIGNED_OUT = "/login?password-changed";

    private final JdbcTemplate jdbc;
    private final DigestKeyedSessions sessions;

    public PasswordStamps(JdbcTemplate jdbc, JdbcIndexedSessionRepository sessions) {
        this.jdbc = jdbc;
        this.sessions = new DigestKeyedSessions(sessions);
    }

    /** The stamp of the admin's password as stored now; empty when the account is gone. */
    public Optional<String> current(AdminId adminId) {
        return jdbc
                .query(
                        "SELECT password_hash FROM admin_account WHERE admin_id = ?",
                        (rs, n) -> stampOf(rs.getString(1)),
                        adminId.value())
                .stream()
                .findFirst();
    }

    /**
     * Not signed out, and stamped with the admin's password as stored now (the check every page makes), asked by a
     * request that outlives its start (the live Activity stream). Its session was read from the store when it began:
     * whether it is still there (not signed out in another tab, on any node, nor expired) is asked of the store.
     */
    @Override
    public boolean stillSignedIn(ControlPanelAdmin admin, HttpSession session) {
        Object stamp;
        try {
            stamp = session.getAttribute(SESSION_ATTRIBUTE);
        } catch (IllegalStateException signedOut) {
            return false;
        }
        return stamp != null
                && current(admin.adminId()).map(stamp::equals).orElse(false)
                && sessions.findById(session.getId()) != null;
    }

    /** Marks the session as signed in with the admin's password as it is stored now. */
    void stamp(AdminId adminId, HttpSession session) {
        current(adminId).ifPresent(stamp -> session.setAttribute(SESSION_ATTRIBUTE, stamp));
    }

    /** A digest of the bcrypt hash, so that not even the hash sits in session memory. */
    private static String stampOf(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The check on every Control Panel request of a signed-in admin (pages and htmx fragments, not static files). */
    OncePerRequestFilter filter() {
        return new StampCheck();
    }

    private final class StampCheck extends OncePerRequestFilter {

        private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/css/")
                    || path.startsWith("/js/")
                    || path.startsWith("/img/")
                    || path.startsWith("/webjars/")
                    || path.equals("/favicon.ico");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = contexts.getContext().getAuthentication();
            HttpSession session = request.getSession(false);
            if (session == null
                    || authentication == null
                    || !(authentication.getPrincipal() instanceof AdminUser admin)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<String> stored;
            try {
                stored = current(admin.adminId());
            } catch (DataAccessException e) {
                if (!DatabaseFailures.unavailable(e)) {
                    throw e;
                }
                // the database out of reach: the page itself answers that it can not be shown; nothing to check against
                chain.doFilter(request, response);
                return;
            }
            if (stored.isPresent() && stored.get().equals(session.getAttribute(SESSION_ATTRIBUTE))) {
                chain.doFilter(request, response);
                return;
            }
            session.invalidate();
            contexts.clearContext();
            // a password changed, or the account deleted (then the sign-in says only that the session ended)
            String signIn = stored.isPresent() ? SIGNED_OUT : SessionEnded.SIGN_IN;
            if ("true".equals(request.getHeader("HX-Request"))) {
                // a fragment: the whole page goes to the sign-in
                response.setHeader("HX-Redirect", signIn);
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                return;
            }
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader("Location", request.getContextPath() + signIn);
        }
    }
}
