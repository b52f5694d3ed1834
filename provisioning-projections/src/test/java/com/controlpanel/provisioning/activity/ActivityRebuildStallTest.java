package com.controlpanel.provisioning.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.testing.SettableClock;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rebuild waits for the live activity processor to reach the head before it switches. A processor that fails on an
 * event retries it for ever; the rebuild then fails soon, saying so, instead of waiting out its whole patience.
 */
class ActivityRebuildStallTest {

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final Serializer serializer = JacksonSerializer.defaultSerializer();

    private void tokenAt(long position) {
        ActivityTokenRows.tokenAt(jdbc, serializer, position);
    }

    private ReadModelRebuild.Session session(Duration stallPatience) {
        return new ActivityRebuild(
                        new ActivitySlots(jdbc),
                        jdbc,
                        dataSource,
                        serializer,
                        () -> Optional.of("DataIntegrityViolationException: Value too long for column"),
                        stallPatience)
                .begin();
    }

    @Test
    void aProcessorStuckShortOfTheHeadFailsTheWaitSoonWithItsError() {
        tokenAt(5);
        ReadModelRebuild.Session session = session(Duration.ofMillis(500));
        long started = System.nanoTime();
        assertThatThrownBy(() -> session.awaitLive(10, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not moved")
                .hasMessageContaining("Value too long for column")
                .hasMessageContaining("Nothing was switched");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aProcessorThatMovesIsAwaitedPastTheStallPatience() throws Exception {
        tokenAt(1);
        ReadModelRebuild.Session session = session(Duration.ofMillis(400));
        CompletableFuture<Void> advancing = CompletableFuture.runAsync(() -> {
            for (long position = 2; position <= 10; position++) {
                sleep(200);
                tokenAt(position);
            }
        });
        long started = System.nanoTime();
        session.awaitLive(10, Duration.ofMinutes(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
        advancing.get();
    }

    @Test
    void theProcessorsFailuresArePassedOnAndTheLastIsToldForAWhile() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
        ActivityFailures failures = new ActivityFailures(clock);
        var failure = new IllegalStateException(
                "could not insert", new java.sql.SQLDataException("Value too long for column \"NAME\""));
        var event = GenericEventMessage.asEventMessage("an event");
        assertThatThrownBy(() -> failures.onError(failure, event, null)).isSameAs(failure);
        assertThat(failures.recent(Duration.ofSeconds(60)))
                .hasValueSatisfying(told -> assertThat(told)
                        .contains(event.getIdentifier())
                        .contains("SQLDataException: Value too long for column"));
        clock.advance(Duration.ofSeconds(61));
        assertThat(failures.recent(Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void theProcessorFailsSinceItsFirstFailureAfterTheLastEventItStored() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
        ActivityFailures failures = new ActivityFailures(clock);
        var failure = new IllegalStateException("could not insert");
        var event = GenericEventMessage.asEventMessage("an event");
        assertThat(failures.failingSince(Duration.ofMinutes(10))).isEmpty();
        assertThatThrownBy(() -> failures.onError(failure, event, null)).isSameAs(failure);
        clock.advance(Duration.ofSeconds(30));
        // the retry of the same event fails again: still failing since the first time
        assertThatThrownBy(() -> failures.onError(failure, event, null)).isSameAs(failure);
        assertThat(failures.failingSince(Duration.ofMinutes(10))).contains(Instant.parse("2026-11-29T10:00:00Z"));

        failures.succeeded();
        assertThat(failures.failingSince(Duration.ofMinutes(10))).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> failures.onError(failure, event, null)).isSameAs(failure);
        assertThat(failures.failingSince(Duration.ofMinutes(10))).contains(Instant.parse("2026-11-29T10:00:35Z"));
        clock.advance(Duration.ofMinutes(11));
        assertThat(failures.failingSince(Duration.ofMinutes(10))).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
