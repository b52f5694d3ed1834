package com.controlpanel.provisioning.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read of the timeline right after a write waits for the Activity processor to take the organization's events: all
 * of them, also one whose transaction committed after a later one's (a gap of the processor's token); and not for
 * long when the processor stands still or is far behind.
 */
class ActivityProgressTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final ActivityProgress progress = new ActivityProgress(jdbc, serializer);
    private final OrganizationId organization =
            new OrganizationId(UUID.randomUUID().toString());
    private final OrganizationId other = new OrganizationId(UUID.randomUUID().toString());

    private void event(long position, OrganizationId of) {
        jdbc.update(
                "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,"
                        + " time_stamp, payload_type, payload, organization_id) VALUES (?, ?, ?, 0, ?, 'Test', ?, ?)",
                position,
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "2026-11-30T10:00:00Z",
                "{}".getBytes(StandardCharsets.UTF_8),
                of.value());
    }

    private void tokenAt(long position, Long... gaps) {
        ActivityTokenRows.tokenAt(jdbc, serializer, position, gaps);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aProcessorPastTheOrganizationsLastEventIsNotWaitedFor() {
        event(1, organization);
        event(2, other);
        tokenAt(1);
        assertThat(progress.awaitLatest(organization, Duration.ofSeconds(10))).isTrue();
        // another organization's event in a gap is not this organization's row
        event(3, organization);
        tokenAt(3, 2L);
        assertThat(progress.awaitLatest(organization, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void anEventThatCommittedAfterALaterOneIsWaitedFor() throws Exception {
        event(1, organization);
        event(3, organization);
        // the processor passed 2 while its transaction was open; it committed after 3
        event(2, organization);
        tokenAt(3, 2L);
        CompletableFuture<Void> taken = CompletableFuture.runAsync(() -> {
            sleep(300);
            tokenAt(3);
        });
        long started = System.nanoTime();
        assertThat(progress.awaitLatest(organization, Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        taken.get();
    }

    @Test
    void aProcessorThatMovesIsWaitedForUntilItTakesTheLastEvent() throws Exception {
        for (long position = 1; position <= 10; position++) {
            event(position, organization);
        }
        tokenAt(2);
        CompletableFuture<Void> moving = CompletableFuture.runAsync(() -> {
            for (long position = 3; position <= 10; position++) {
                sleep(100);
                tokenAt(position);
            }
        });
        assertThat(progress.awaitLatest(organization, Duration.ofSeconds(10))).isTrue();
        assertThat(progress.tokens())
                .singleElement()
                .satisfies(token -> assertThat(token.position()).hasValue(10));
        moving.get();
    }

    @Test
    void aProcessorStandingStillIsNotWaitedForLong() {
        event(1, organization);
        event(2, organization);
        tokenAt(1);
        long started = System.nanoTime();
        assertThat(progress.awaitLatest(organization, Duration.ofSeconds(30))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(ActivityProgress.STILL)
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aProcessorFarBehindIsNotWaitedForAtAll() {
        event(1, organization);
        event(ActivityProgress.SHORT_WAY + 10, organization);
        tokenAt(1);
        long started = System.nanoTime();
        assertThat(progress.awaitLatest(organization, Duration.ofSeconds(30))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }
}
