package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Activity processor's event source: the store's stream as it is, and a coordinator that asks to be called back
 * when events may be available is called every so often, until the stream is closed.
 */
class NudgedEventSourceTest {

    private final ScheduledExecutorService nudges = Executors.newSingleThreadScheduledExecutor();
    private final TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(
            GapAwareTrackingToken.newInstance(7, java.util.List.of()),
            org.axonframework.eventhandling.GenericEventMessage.asEventMessage("an event"));
    private final AtomicBoolean storeStreamClosed = new AtomicBoolean();
    private TrackingToken openedAt;

    /** A store whose stream holds one event. */
    private final StreamableMessageSource<TrackedEventMessage<?>> store = token -> {
        openedAt = token;
        return new BlockingStream<>() {
            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return Optional.of(event);
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                return true;
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() {
                return event;
            }

            @Override
            public void close() {
                storeStreamClosed.set(true);
            }
        };
    };

    @AfterEach
    void stop() {
        nudges.shutdownNow();
    }

    @Test
    void aCoordinatorIsCalledBackEverySoOftenUntilTheStreamCloses() throws Exception {
        NudgedEventSource source = new NudgedEventSource(store, nudges, Duration.ofMillis(20));
        TrackingToken from = GapAwareTrackingToken.newInstance(6, java.util.List.of());
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from);
        assertThat(openedAt).isEqualTo(from);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.peek()).contains(event);
        assertThat(stream.nextAvailable()).isSameAs(event);

        AtomicInteger calls = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(calls::incrementAndGet))
                .as("the coordinator then waits for the call instead of looking every 500 ms")
                .isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.get() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(5);

        stream.close();
        assertThat(storeStreamClosed).isTrue();
        Thread.sleep(50);
        int afterClose = calls.get();
        Thread.sleep(200);
        assertThat(calls.get()).as("no call after the stream closed").isEqualTo(afterClose);
    }

    @Test
    void aCallbackThatFailsIsCalledAgain() throws Exception {
        NudgedEventSource source = new NudgedEventSource(store, nudges, Duration.ofMillis(20));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger calls = new AtomicInteger();
        stream.setOnAvailableCallback(() -> {
            calls.incrementAndGet();
            // a processor shutting down refuses the task the call schedules
            throw new java.util.concurrent.RejectedExecutionException("shutting down");
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
        stream.close();
    }

    /**
     * On a store that says when this node committed events, the coordinator is called back at once after each commit,
     * not at its next periodic call (here an hour away), and reads the event from the store; once the stream is
     * closed, commits call nobody.
     */
    @Test
    void aCommitOnThisNodeCallsTheCoordinatorBackAtOnce() throws Exception {
        CommitSignallingEventStore signalling = new CommitSignallingEventStore(EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .optimizeEventConsumption(false));
        try {
            NudgedEventSource source = new NudgedEventSource(signalling, nudges, Duration.ofHours(1));
            BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
            assertThat(stream.hasNextAvailable()).isFalse();
            AtomicInteger calls = new AtomicInteger();
            stream.setOnAvailableCallback(calls::incrementAndGet);

            signalling.publish(GenericEventMessage.asEventMessage("committed here"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (calls.get() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(calls.get()).as("called back after the commit").isEqualTo(1);
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("committed here");

            stream.close();
            signalling.publish(GenericEventMessage.asEventMessage("after the close"));
            Thread.sleep(200);
            assertThat(calls.get()).as("no call after the stream closed").isEqualTo(1);
        } finally {
            signalling.shutDown();
        }
    }
}
