package com.controlpanel.provisioning.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A form sent twice at once (a double click) makes its organization once, also when each sending reaches another node
 * (each node a {@link SentForms} of its own on the one database); the second sending is told what it made. On the
 * embedded H2 store here, on PostgreSQL in {@link PostgresSentFormsTest}.
 */
class SentFormsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private JdbcTemplate jdbc;

    /** A database migrated to the current schema, empty. */
    DataSource database() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @BeforeEach
    void migrated() {
        DataSource database = database();
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(database);
    }

    private SentForms node() {
        return new SentForms(jdbc, clock);
    }

    @Test
    void theSecondSendingOnAnotherNodeWaitsForTheFirstAndIsToldWhatItMade() throws Exception {
        SentForms nodeA = node();
        SentForms nodeB = node();
        AtomicInteger made = new AtomicInteger();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch letFirstEnd = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<String> first = threads.submit(() -> nodeA.send(
                    "admin-1",
                    "form-1",
                    () -> {
                        firstRunning.countDown();
                        await(letFirstEnd);
                        return new SentForms.Outcome("page of org-" + made.incrementAndGet(), Optional.of("org-1"));
                    },
                    created -> "again " + created));
            assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> second = threads.submit(() -> nodeB.send(
                    "admin-1",
                    "form-1",
                    () -> new SentForms.Outcome("page of org-" + made.incrementAndGet(), Optional.of("org-2")),
                    created -> "again " + created));
            Future<String> third = threads.submit(() -> nodeA.send(
                    "admin-1",
                    "form-1",
                    () -> new SentForms.Outcome("page of org-" + made.incrementAndGet(), Optional.of("org-3")),
                    created -> "again " + created));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second waits for the first").isFalse();
            assertThat(third.isDone()).isFalse();
            letFirstEnd.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("page of org-1");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("again org-1");
            assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("again org-1");
            assertThat(made).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRefusedOrFailedSendingMayBeSentAgainAndAnotherAdminsFormIdIsAnotherForm() {
        SentForms forms = node();
        assertThat(forms.send("admin-1", "form-1", () -> new SentForms.Outcome("refused", Optional.empty()), id -> id))
                .isEqualTo("refused");
        assertThatThrownBy(() -> node().send(
                                "admin-1",
                                "form-1",
                                () -> {
                                    throw new IllegalStateException("the database went away");
                                },
                                id -> id))
                .hasMessage("the database went away");
        assertThat(forms.send("admin-1", "form-1", () -> new SentForms.Outcome("made", Optional.of("org-1")), id -> id))
                .isEqualTo("made");
        assertThat(node().send(
                                "admin-1",
                                "form-1",
                                () -> new SentForms.Outcome("made", Optional.of("org-9")),
                                id -> "again " + id))
                .isEqualTo("again org-1");
        assertThat(forms.send("admin-2", "form-1", () -> new SentForms.Outcome("made", Optional.of("org-2")), id -> id))
                .isEqualTo("made");
        // remembered for ten minutes, then forgotten
        clock.advance(Duration.ofMinutes(11));
        assertThat(forms.send("admin-1", "form-1", () -> new SentForms.Outcome("made", Optional.of("org-3")), id -> id))
                .isEqualTo("made");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sent_form", Integer.class))
                .as("the rows of ten minutes ago deleted")
                .isEqualTo(1);
    }

    @Test
    void aSendingWhoseNodeStoppedIsTakenOverOnceAbandoned() {
        jdbc.update(
                "INSERT INTO sent_form (admin_id, form_id, sent_at, made) VALUES (?, ?, ?, NULL)",
                "admin-1",
                "form-1",
                clock.instant().minus(SentForms.ABANDONED).toEpochMilli());

        assertThat(node().send(
                                "admin-1",
                                "form-1",
                                () -> new SentForms.Outcome("made", Optional.of("org-1")),
                                id -> "again " + id))
                .isEqualTo("made");
        assertThat(jdbc.queryForObject("SELECT made FROM sent_form", String.class))
                .isEqualTo("org-1");
    }

    @Test
    void aFormIdOfAnyLengthIsOneForm() {
        String endless = "f".repeat(5_000);
        assertThat(node().send("admin-1", endless, () -> new SentForms.Outcome("made", Optional.of("org-1")), id -> id))
                .isEqualTo("made");
        assertThat(node().send(
                                "admin-1",
                                endless,
                                () -> new SentForms.Outcome("made", Optional.of("org-2")),
                                id -> "again " + id))
                .isEqualTo("again org-1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
