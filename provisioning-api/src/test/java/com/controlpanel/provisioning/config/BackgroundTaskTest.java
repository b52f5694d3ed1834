package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A background task runs again and again, outlives a failed round, and at the stop ends its round before returning. */
@ExtendWith(OutputCaptureExtension.class)
class BackgroundTaskTest {

    @Test
    void theStopWaitsForTheRoundUnderWayWhichSeesItStoppingIsNotInterruptedAndNoRoundFollows() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        // made before its round is scheduled: the round (at once) reads it
        BackgroundTask task = new BackgroundTask("test-task");
        task.every("Testing", 0, 10, TimeUnit.MILLISECONDS, () -> {
            rounds.incrementAndGet();
            started.countDown();
            while (!task.stopping()) {
                Thread.onSpinWait();
            }
            // a long round's last steps, after it saw the stop
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            ended.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        task.destroy();

        assertThat(ended).isTrue();
        assertThat(interrupted).isFalse();
        Thread.sleep(100);
        assertThat(rounds).hasValue(1);
    }

    @Test
    void aFailedRoundIsFollowedByTheNext() throws Exception {
        CountDownLatch third = new CountDownLatch(3);
        BackgroundTask task = new BackgroundTask("test-task").every("Testing", 0, 10, TimeUnit.MILLISECONDS, () -> {
            third.countDown();
            throw new IllegalStateException("this round fails");
        });
        try {
            assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            task.destroy();
        }
    }

    /** Each round logged a trace of about a hundred lines, every 15 s for the whole outage. */
    @Test
    void roundsFailedForTheDatabaseOutOfReachAreLoggedInOneLineEachTheirTraceAtMostOnceAMinute(CapturedOutput output)
            throws Exception {
        String line = "Testing outages failed: the database is out of reach; the next round tries again";
        BackgroundTask task = new BackgroundTask("test-task")
                .every("Testing outages", 0, 10, TimeUnit.MILLISECONDS, () -> {
                    throw new CannotGetJdbcConnectionException(
                            "Failed to obtain JDBC Connection",
                            new java.sql.SQLException("Connection refused", "08001"));
                });
        try {
            // three rounds logged (a round counted as it starts may not have logged yet when it is counted)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (output.getAll().split(line, -1).length <= 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            task.destroy();
        }

        String log = output.getAll();
        assertThat(log.split(line, -1)).hasSizeGreaterThan(3);
        assertThat(log.split("Caused by: java.sql.SQLException: Connection refused", -1))
                .as("traces")
                .hasSizeLessThanOrEqualTo(2);
    }
}
