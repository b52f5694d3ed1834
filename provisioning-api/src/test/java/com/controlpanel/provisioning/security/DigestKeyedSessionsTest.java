package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

/**
 * Sessions stored under the digest of their ids, over Spring Session's in-memory store (the HTTP side, with the
 * database's store: {@code StoredSessionsTest}).
 */
class DigestKeyedSessionsTest {

    private final Map<String, Session> stored = new ConcurrentHashMap<>();
    private DigestKeyedSessions sessions;

    @BeforeEach
    void store() {
        MapSessionRepository store = new MapSessionRepository(stored);
        store.setSessionIdGenerator(DigestKeyedSessions.STORE_IDS);
        store.setDefaultMaxInactiveInterval(Duration.ofMinutes(30));
        sessions = new DigestKeyedSessions(store);
    }

    @Test
    void aSessionIsStoredUnderTheDigestOfItsIdAndFoundByTheIdOnly() {
        DigestKeyedSessions.KeyedSession session = sessions.createSession();
        session.setAttribute("who", "ada");
        sessions.save(session);

        String key = DigestKeyedSessions.keyOf(session.getId());
        assertThat(stored.keySet()).containsExactly(key);
        assertThat(key).hasSize(36).matches("[A-Za-z0-9_-]+").isNotEqualTo(session.getId());
        assertThat(sessions.findById(session.getId()).<String>getAttribute("who"))
                .isEqualTo("ada");
        assertThat(sessions.findById(session.getId()).getId())
                .as("answered under the cookie's id")
                .isEqualTo(session.getId());
        assertThat(sessions.findById(key)).as("the stored key finds nothing").isNull();

        sessions.deleteById(session.getId());
        assertThat(stored).isEmpty();
    }

    @Test
    void aChangedIdIsStoredUnderItsOwnDigestAndTheFormerOneFindsNothing() {
        DigestKeyedSessions.KeyedSession session = sessions.createSession();
        sessions.save(session);
        String before = session.getId();

        DigestKeyedSessions.KeyedSession read = sessions.findById(before);
        String after = read.changeSessionId();
        sessions.save(read);

        assertThat(after).isNotEqualTo(before).isEqualTo(read.getId());
        assertThat(stored.keySet()).containsExactly(DigestKeyedSessions.keyOf(after));
        assertThat(sessions.findById(before)).isNull();
        assertThat(sessions.findById(after)).isNotNull();
    }

    @Test
    void idsAreRandomAndTheirKeysDistinct() {
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = DigestKeyedSessions.newId();
            assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
            ids.add(id);
            keys.add(DigestKeyedSessions.keyOf(id));
        }
        assertThat(ids).hasSize(10_000);
        assertThat(keys).hasSize(10_000);
        assertThat(DigestKeyedSessions.keyOf("same")).isEqualTo(DigestKeyedSessions.keyOf("same"));
    }

    @Test
    void theStoreMakesNoIdOfItsOwn() {
        assertThatThrownBy(DigestKeyedSessions.STORE_IDS::generate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DigestKeyedSessions");
    }

    @Test
    void aLastAccessIsKeptOnceTheKeptOneIsASixtiethOfTheTimeoutOld() {
        DigestKeyedSessions.KeyedSession session = sessions.createSession();
        Instant kept = session.getLastAccessedTime();

        session.setLastAccessedTime(kept.plusSeconds(29));
        assertThat(session.getLastAccessedTime())
                .as("29 s of a 30-minute timeout: kept as it was")
                .isEqualTo(kept);

        session.setLastAccessedTime(kept.plusSeconds(30));
        assertThat(session.getLastAccessedTime()).isEqualTo(kept.plusSeconds(30));

        session.setMaxInactiveInterval(Duration.ofSeconds(-1));
        session.setLastAccessedTime(kept.plusSeconds(31));
        assertThat(session.getLastAccessedTime())
                .as("a session that never times out keeps every access")
                .isEqualTo(kept.plusSeconds(31));
    }
}
