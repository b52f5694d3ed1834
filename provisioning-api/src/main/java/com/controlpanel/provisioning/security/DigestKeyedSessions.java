package com.controlpanel.provisioning.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;

/**
 * The Control Panel's sessions as the database keeps them: under a digest of their id, never the id itself.
 *
 * <p>A session's id is what signs its browser in (the {@code SESSION} cookie). Stored as it is, whoever reads the
 * sessions' table (a backup, a dump of the PostgreSQL database, a read-only account on it) could sign in as every
 * admin signed in at that moment. Stored as the SHA-256 digest of the id, a row signs nobody in: the cookie that leads
 * to it can not be worked out from it, and a stored key sent as a cookie is digested again and finds nothing.
 *
 * <p>Spring Session's JDBC store makes ids itself, for a new session and for a new id at sign-in. Here it is handed
 * the key of an id made in the same call instead ({@link #STORE_IDS}, its {@link SessionIdGenerator}, makes none of
 * its own and refuses to be asked outside such a call), and every session it answers is wrapped to answer the id its
 * cookie holds. Sessions stored by a version before this one, under their plain ids, are found by no cookie: their
 * admins sign in again once, and the rows go with the expired ones.
 */
public final class DigestKeyedSessions implements SessionRepository<DigestKeyedSessions.KeyedSession> {

    /**
     * The characters of a key the store's column holds ({@code SESSION_ID CHAR(36)}, migration V17): 36 characters of
     * URL-safe Base64, 216 bits of the digest.
     */
    static final int KEY_LENGTH = 36;

    /** A last access is written again once it is this part of the session's timeout old. */
    static final int TIMEOUT_PARTS = 60;

    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<String> HANDED_OVER = new ThreadLocal<>();

    /** The store's ids: the key handed over by the call of this class under way on the thread, once. */
    static final SessionIdGenerator STORE_IDS = () -> {
        String key = HANDED_OVER.get();
        if (key == null) {
            throw new IllegalStateException("A Control Panel session's id is made by DigestKeyedSessions only: the"
                    + " store keeps the digest of an id, never one of its own");
        }
        HANDED_OVER.remove();
        return key;
    };

    private final SessionRepository<Session> store;

    /**
     * The store's sessions under the ids their cookies hold. Not a bean: a bean of the type {@link SessionRepository}
     * would take the place of Spring Boot's whole session configuration, the store's with it. The session filter
     * ({@code web.ControlPanelSessions}) and whatever else asks for a session by its id make one each; it keeps
     * nothing.
     *
     * @param store Spring Session's store, its ids made by {@link #STORE_IDS}
     */
    @SuppressWarnings("unchecked")
    public DigestKeyedSessions(SessionRepository<? extends Session> store) {
        // its sessions through the interface: their class is private to Spring Session
        this.store = (SessionRepository<Session>) store;
    }

    /** The key a session is stored under: the start of the URL-safe Base64 of the SHA-256 digest of its id. */
    static String keyOf(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, KEY_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A new id: 256 random bits, URL-safe Base64. */
    static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> T storingUnder(String id, Supplier<T> call) {
        HANDED_OVER.set(keyOf(id));
        try {
            return call.get();
        } finally {
            HANDED_OVER.remove();
        }
    }

    @Override
    public KeyedSession createSession() {
        String id = newId();
        return new KeyedSession(id, storingUnder(id, store::createSession));
    }

    @Override
    public void save(KeyedSession session) {
        store.save(session.stored);
    }

    @Override
    public KeyedSession findById(String id) {
        Session stored = store.findById(keyOf(id));
        return stored == null ? null : new KeyedSession(id, stored);
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(keyOf(id));
    }

    /** A stored session, answering the id its cookie holds rather than the key it is stored under. */
    public static final class KeyedSession implements Session {

        private String id;
        private final Session stored;

        private KeyedSession(String id, Session stored) {
            this.id = id;
            this.stored = stored;
        }

        @Override
        public String getId() {
            return id;
        }

        /** A new id (at sign-in, so that an id known before it signs nobody in), stored under its key. */
        @Override
        public String changeSessionId() {
            String changed = newId();
            storingUnder(changed, stored::changeSessionId);
            id = changed;
            return changed;
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        /**
         * Kept only once the last access kept is a sixtieth of the session's timeout old (30 seconds of 30 minutes):
         * otherwise every page and every htmx request of a signed-in admin would write its session's row again, one
         * more transaction to commit, and one more write queued behind Okta's on the embedded store. A session so ends
         * up to that sixtieth sooner than its timeout after its last request.
         */
        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            Duration timeout = stored.getMaxInactiveInterval();
            Instant kept = stored.getLastAccessedTime();
            if (timeout.isNegative()
                    || timeout.isZero()
                    || !lastAccessedTime.isBefore(kept.plus(timeout.dividedBy(TIMEOUT_PARTS)))) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
