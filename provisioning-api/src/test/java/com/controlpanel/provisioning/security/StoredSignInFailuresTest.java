package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.security.SignInThrottle.Pair;
import com.controlpanel.provisioning.security.SignInThrottle.Window;
import com.controlpanel.provisioning.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sign-in throttle counting in the database (schema version 22) as two nodes sharing it do: each node a throttle
 * and a {@link StoredSignInFailures} of its own on the one database. On the embedded H2 store here, on PostgreSQL in
 * {@link PostgresStoredSignInFailuresTest}.
 */
class StoredSignInFailuresTest {

    private static final String ANN = "ann@example.com";
    private static final String CLIENT = "10.0.0.1";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<String> locks = new CopyOnWriteArrayList<>();
    private DataSource database;
    private JdbcTemplate jdbc;
    private SignInThrottle nodeA;
    private SignInThrottle nodeB;

    /** A database migrated to the current schema, empty. */
    DataSource database() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @BeforeEach
    void twoNodesOnOneDatabase() {
        database = database();
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(database);
        nodeA = new SignInThrottle(clock, locks::add, node());
        nodeB = new SignInThrottle(clock, locks::add, node());
    }

    @AfterEach
    void dropTheRows() {
        jdbc.update("DELETE FROM sign_in_failure");
    }

    private StoredSignInFailures node() {
        return new StoredSignInFailures(new JdbcTemplate(database), new DataSourceTransactionManager(database));
    }

    private void fail(SignInThrottle node, int times, String email, String client) {
        for (int i = 0; i < times; i++) {
            node.attempt(email, client).failed();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void wrongPasswordsSentThroughEitherNodeLockBothOnce() {
        fail(nodeA, 5, ANN, CLIENT);
        fail(nodeB, 4, ANN, CLIENT);
        assertThat(nodeA.lockedFor(ANN, CLIENT)).isEmpty();
        assertThat(locks).isEmpty();

        fail(nodeA, 1, ANN, CLIENT);

        assertThat(locks)
                .as("logged and counted once, by the node whose failure locked")
                .containsExactly(ANN + " from " + CLIENT);
        Duration left = SignInThrottle.WINDOW.minusSeconds(SignInThrottle.ALLOWED_FAILURES);
        assertThat(nodeB.lockedFor("Ann@Example.com", CLIENT)).hasValue(left);
        assertThatThrownBy(() -> nodeB.attempt(ANN, CLIENT))
                .isInstanceOf(SignInThrottledException.class)
                .hasMessageEndingWith("try again in 15 minutes");
        assertThatThrownBy(() -> nodeA.attempt(ANN, CLIENT)).isInstanceOf(SignInThrottledException.class);
        assertThat(nodeB.lockedFor(ANN, "10.0.0.2"))
                .as("the admin signing in from elsewhere")
                .isEmpty();
        assertThat(nodeB.lockedFor("bob@example.com", CLIENT)).isEmpty();

        clock.advance(left);
        assertThat(nodeA.lockedFor(ANN, CLIENT)).as("the window is over").isEmpty();
        nodeB.attempt(ANN, CLIENT).passed();
    }

    @Test
    void aFailureAfterTheWindowStartsANewOneCountingOne() {
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES - 1, ANN, CLIENT);
        clock.advance(SignInThrottle.WINDOW);

        fail(nodeB, SignInThrottle.ALLOWED_FAILURES - 1, ANN, CLIENT);

        assertThat(nodeA.lockedFor(ANN, CLIENT)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT failures FROM sign_in_failure", Integer.class))
                .isEqualTo(SignInThrottle.ALLOWED_FAILURES - 1);
        fail(nodeA, 1, ANN, CLIENT);
        assertThat(nodeB.lockedFor(ANN, CLIENT))
                .as("locked a quarter of an hour from the new window's first failure")
                .hasValue(SignInThrottle.WINDOW.minusSeconds(SignInThrottle.ALLOWED_FAILURES));
    }

    @Test
    void theRightPasswordOnOneNodeAndANewPasswordGivenOnTheOtherForgetTheFailures() {
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES - 1, ANN, CLIENT);
        nodeB.attempt(ANN, CLIENT).passed();
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES - 1, ANN, CLIENT);
        assertThat(nodeB.lockedFor(ANN, CLIENT))
                .as("counted afresh after the right one")
                .isEmpty();

        fail(nodeA, 1, ANN, CLIENT);
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES, ANN, "10.0.0.2");
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES, "bob@example.com", CLIENT);
        assertThat(nodeB.lockedFor(ANN, CLIENT)).isPresent();

        nodeB.forgive(" ANN@example.com");

        assertThat(nodeA.lockedFor(ANN, CLIENT)).isEmpty();
        assertThat(nodeA.lockedFor(ANN, "10.0.0.2")).isEmpty();
        assertThat(nodeA.lockedFor("bob@example.com", CLIENT))
                .as("another email's lock stays")
                .isPresent();
    }

    @Test
    void failuresCountedAtOnceOnBothNodesAreAllCountedAndOneOfThemIsTheTenth() throws Exception {
        List<StoredSignInFailures> nodes = List.of(node(), node());
        Pair pair = new Pair(ANN, CLIENT);
        int each = 12;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Window>> counted = new ArrayList<>();
            for (int i = 0; i < 2 * each; i++) {
                StoredSignInFailures node = nodes.get(i % 2);
                counted.add(pool.submit(() -> {
                    start.await();
                    return node.add(pair, clock.instant());
                }));
            }
            start.countDown();
            List<Integer> counts = new ArrayList<>();
            for (Future<Window> window : counted) {
                counts.add(window.get().failures());
            }
            assertThat(counts)
                    .as("every failure counted once, the first one included")
                    .hasSize(2 * each);
            assertThat(counts)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 2 * each)
                            .boxed()
                            .toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(nodes.get(1).open(pair, clock.instant()).orElseThrow().failures())
                .isEqualTo(2 * each);
    }

    @Test
    void theRowsOfWindowsOverAreDeletedByALaterFailure() {
        fail(nodeA, 3, ANN, CLIENT);
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES, "bob@example.com", CLIENT);
        clock.advance(SignInThrottle.WINDOW);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sign_in_failure", Integer.class))
                .isEqualTo(2);

        fail(nodeA, 1, "carol@example.com", CLIENT);

        assertThat(jdbc.queryForList("SELECT email_key FROM sign_in_failure", String.class))
                .containsExactly("carol@example.com");
    }

    @Test
    void anythingTypedAsAnEmailIsCountedWhateverItsLengthOrCharacters() {
        String endless = "x".repeat(5_000) + "@example.com";
        String withNul = "ann\u0000@example.com";
        fail(nodeA, SignInThrottle.ALLOWED_FAILURES, endless, CLIENT);
        fail(nodeB, SignInThrottle.ALLOWED_FAILURES, withNul, CLIENT);

        assertThat(nodeB.lockedFor(endless.toUpperCase(java.util.Locale.ROOT), CLIENT))
                .isPresent();
        assertThat(nodeA.lockedFor(withNul, CLIENT)).isPresent();
        assertThat(nodeA.lockedFor(ANN, CLIENT)).isEmpty();
        assertThat(jdbc.queryForList("SELECT email_key FROM sign_in_failure", String.class))
                .allSatisfy(key -> assertThat(key).startsWith("sha256:").hasSize(71));
    }
}
