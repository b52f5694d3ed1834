package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.ui.AdminSessions;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * An admin's Control Panel sessions as the database keeps them: found by the admin's email (the store's principal
 * index), each under the digest of its id ({@link DigestKeyedSessions}); the session asking is told from the others
 * by its own id's digest. A session signed in with a password changed since is signed out already (its next page
 * says so, {@link PasswordStamps}), and is neither listed nor counted.
 */
@Component
class StoredAdminSessions implements AdminSessions {

    private static final Logger log = LoggerFactory.getLogger(StoredAdminSessions.class);

    /** The session's attributes naming what signed it in: the browser in words, the client's address. */
    static final String BROWSER = StoredAdminSessions.class.getName() + ".browser";

    static final String ADDRESS = StoredAdminSessions.class.getName() + ".address";

    /** When it signed in: a session begins earlier, with the sign-in page, and keeps its beginning at the sign-in. */
    static final String SIGNED_IN_AT = StoredAdminSessions.class.getName() + ".signedInAt";

    /** Notes in the session, as it signs in, the browser and the address it signed in from. */
    static void noteSignedInFrom(HttpServletRequest request) {
        HttpSession session = request.getSession();
        session.setAttribute(BROWSER, Browsers.describe(request.getHeader(HttpHeaders.USER_AGENT)));
        session.setAttribute(ADDRESS, request.getRemoteAddr());
        session.setAttribute(SIGNED_IN_AT, Instant.now());
    }

    private final JdbcIndexedSessionRepository store;
    private final PasswordStamps stamps;

    StoredAdminSessions(JdbcIndexedSessionRepository store, PasswordStamps stamps) {
        this.store = store;
        this.stamps = stamps;
    }

    @Override
    public List<SignedIn> others(ControlPanelAdmin admin, HttpSession current) {
        List<SignedIn> others = new ArrayList<>();
        for (Session session : othersStored(admin, current).values()) {
            Instant signedInAt = session.getAttribute(SIGNED_IN_AT);
            others.add(new SignedIn(
                    session.getAttribute(BROWSER),
                    session.getAttribute(ADDRESS),
                    signedInAt != null ? signedInAt : session.getCreationTime(),
                    session.getLastAccessedTime()));
        }
        others.sort(Comparator.comparing(SignedIn::lastSeenAt).reversed());
        return others;
    }

    @Override
    public int endOthers(ControlPanelAdmin admin, HttpSession current) {
        Map<String, Session> others = othersStored(admin, current);
        others.keySet().forEach(store::deleteById);
        log.info(
                "Admin {} ended {} other Control Panel session(s) of theirs{}",
                admin.email(),
                others.size(),
                current == null ? " (through the JSON API)" : "");
        return others.size();
    }

    /** The admin's sessions signed in now, by the keys they are stored under, but the one asking. */
    private Map<String, Session> othersStored(ControlPanelAdmin admin, HttpSession current) {
        Optional<String> stamp = stamps.current(admin.adminId());
        String own = current == null ? null : DigestKeyedSessions.keyOf(current.getId());
        Map<String, Session> found = new HashMap<>(store.findByPrincipalName(admin.email()));
        found.entrySet()
                .removeIf(entry -> entry.getKey().equals(own)
                        || entry.getValue().isExpired()
                        || stamp.isEmpty()
                        || !stamp.get().equals(entry.getValue().getAttribute(PasswordStamps.SESSION_ATTRIBUTE)));
        return found;
    }
}
