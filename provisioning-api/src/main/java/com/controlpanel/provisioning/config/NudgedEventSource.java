package com.controlpanel.provisioning.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as a pooled streaming processor reads it, its coordinator told to look for new events at once after
 * each commit of events on this node ({@link CommitSignallingEventStore}), and every {@code every} besides (the events
 * of a cluster's other nodes). Axon's coordinator, once it has caught up, looks again only every 500 ms when its event
 * stream can not call it back, which a JDBC store's can not: an Activity row came up to half a second after its
 * change, and a read of the timeline right after a write waited that long for it. Each look reads the store from where
 * the processor stands (the store keeps no copy of its newest events, see {@link AxonConfiguration#eventStore}): one
 * indexed query.
 */
final class NudgedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(NudgedEventSource.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final ScheduledExecutorService nudges;
    private final Duration every;

    /** The streams open now, each told of this node's commits. */
    private final Set<Nudged> open = ConcurrentHashMap.newKeySet();

    NudgedEventSource(
            StreamableMessageSource<TrackedEventMessage<?>> store, ScheduledExecutorService nudges, Duration every) {
        this.store = store;
        this.nudges = nudges;
        this.every = every;
        if (store instanceof CommitSignallingEventStore signalling) {
            signalling.afterEachCommit(() -> open.forEach(Nudged::nudgeNow));
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        Nudged stream = new Nudged(store.openStream(token));
        open.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** The store's stream, and the nudges of whoever asked to be called back when events may be available. */
    private final class Nudged implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private ScheduledFuture<?> nudging;
        private volatile Runnable callback;
        /** A nudge for a commit is queued: the commits until it runs need no other. */
        private final AtomicBoolean nudgeQueued = new AtomicBoolean();

        Nudged(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (nudging != null) {
                nudging.cancel(false);
            }
            this.callback = callback;
            long millis = every.toMillis();
            nudging = nudges.scheduleWithFixedDelay(() -> nudge(callback), millis, millis, TimeUnit.MILLISECONDS);
            return true;
        }

        /** Called on the committing thread: the nudge itself runs on the nudging thread. */
        void nudgeNow() {
            Runnable current = callback;
            if (current == null || !nudgeQueued.compareAndSet(false, true)) {
                return;
            }
            try {
                nudges.execute(() -> {
                    nudgeQueued.set(false);
                    nudge(current);
                });
            } catch (RejectedExecutionException e) {
                // the service is stopping
                nudgeQueued.set(false);
            }
        }

        private void nudge(Runnable callback) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // a processor shutting down refuses new tasks; its stream is closed right after
                log.debug("Nudging an event processor failed", e);
            }
        }

        @Override
        public synchronized void close() {
            open.remove(this);
            callback = null;
            if (nudging != null) {
                nudging.cancel(false);
            }
            stream.close();
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return stream.asStream();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }
    }
}
