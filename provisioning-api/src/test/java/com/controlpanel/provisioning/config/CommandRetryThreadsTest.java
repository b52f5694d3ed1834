package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** At the stop, a retry under way and one already due end as they would, not interrupted; nothing new starts. */
class CommandRetryThreadsTest {

    @Test
    void theStopLetsARetryUnderWayAndOneDueEndUninterrupted() throws Exception {
        CommandRetryThreads threads = new CommandRetryThreads();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean dueRan = new AtomicBoolean();
        threads.executor().execute(() -> {
            started.countDown();
            try {
                // a retried command writing the store
                Thread.sleep(300);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            ended.set(true);
        });
        threads.executor().schedule(() -> dueRan.set(true), 50, TimeUnit.MILLISECONDS);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        threads.destroy();

        assertThat(ended).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(dueRan).isTrue();
        assertThat(threads.executor().isTerminated()).isTrue();
    }
}
