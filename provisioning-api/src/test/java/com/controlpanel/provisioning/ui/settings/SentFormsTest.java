package com.controlpanel.provisioning.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A form sent twice at once (a double click) makes its organization once; the second sending is told what it made. */
class SentFormsTest {

    @Test
    void theSecondSendingWaitsForTheFirstAndIsToldWhatItMade() throws Exception {
        SentForms forms = new SentForms(new MovableClock(Instant.parse("2026-12-04T12:00:00Z")));
        AtomicInteger made = new AtomicInteger();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch letFirstEnd = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = threads.submit(() -> forms.send(
                    "admin-1",
                    "form-1",
                    () -> {
                        firstRunning.countDown();
                        await(letFirstEnd);
                        return new SentForms.Outcome("page of org-" + made.incrementAndGet(), Optional.of("org-1"));
                    },
                    created -> "again " + created));
            assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> second = threads.submit(() -> forms.send(
                    "admin-1",
                    "form-1",
                    () -> new SentForms.Outcome("page of org-" + made.incrementAndGet(), Optional.of("org-2")),
                    created -> "again " + created));
            Thread.sleep(200);
            assertThat(second.isDone()).as("the second waits for the first").isFalse();
            letFirstEnd.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("page of org-1");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("again org-1");
            assertThat(made).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRefusedSendingMayBeSentAgainAndAnotherAdminsFormIdIsAnotherForm() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-04T12:00:00Z"));
        SentForms forms = new SentForms(clock);
        assertThat(forms.send("admin-1", "form-1", () -> new SentForms.Outcome("refused", Optional.empty()), id -> id))
                .isEqualTo("refused");
        assertThat(forms.send("admin-1", "form-1", () -> new SentForms.Outcome("made", Optional.of("org-1")), id -> id))
                .isEqualTo("made");
        assertThat(forms.send("admin-2", "form-1", () -> new SentForms.Outcome("made", Optional.of("org-2")), id -> id))
                .isEqualTo("made");
        // remembered for ten minutes, then forgotten
        clock.advance(Duration.ofMinutes(11));
        assertThat(forms.send("admin-1", "form-1", () -> new SentForms.Outcome("made", Optional.of("org-3")), id -> id))
                .isEqualTo("made");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
