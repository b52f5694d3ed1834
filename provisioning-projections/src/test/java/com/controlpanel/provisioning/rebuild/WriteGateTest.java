package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gate, on one process (the embedded H2 store): what a read of an instant waits for. */
class WriteGateTest {

    private final WriteGate gate = new WriteGate();

    @Test
    void aReadOfAnInstantWaitsForTheWriteOfItsOrganizationInFlight() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> gate.pass("org-1", () -> {
            writing.countDown();
            await(end);
            return null;
        }));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> gate.awaitWritesUpTo("org-1", Instant.now()));
        Thread.sleep(300);
        assertThat(read).as("returned while the write was in flight").isNotDone();

        end.countDown();
        write.get(10, TimeUnit.SECONDS);
        read.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadOfAnInstantDoesNotWaitForAnotherOrganizationsWrite() throws Exception {
        String other = otherStripe("org-1");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> gate.pass(other, () -> {
            writing.countDown();
            await(end);
            return null;
        }));
        try {
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.runAsync(() -> gate.awaitWritesUpTo("org-1", Instant.now()))
                    .get(5, TimeUnit.SECONDS);
        } finally {
            end.countDown();
            write.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReadOfTheCurrentMillisecondReturnsOnlyOnceTheClockIsPastIt() {
        // a write yet to pass the gate stamps its events after it passes: once the clock is past the instant's
        // millisecond, such a write stamps later than the instant
        Instant at = Instant.now().plusMillis(200);
        gate.awaitWritesUpTo("org-1", at);
        assertThat(System.currentTimeMillis()).isGreaterThan(at.toEpochMilli());
    }

    private static String otherStripe(String organizationId) {
        for (int i = 0; ; i++) {
            String candidate = "org-other-" + i;
            if (Math.floorMod(candidate.hashCode(), 64) != Math.floorMod(organizationId.hashCode(), 64)) {
                return candidate;
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
