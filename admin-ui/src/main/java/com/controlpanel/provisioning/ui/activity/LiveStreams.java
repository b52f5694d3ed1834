package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityFeed;
import com.controlpanel.provisioning.domain.api.AdminId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live activity streams of this node (the JSON API's and the Control Panel's): their writer threads, a
 * keep-alive every 15 seconds, and their end, whichever way it comes (the client leaves, the stream times out or is
 * sent away, the application stops: then each is ended on its own thread, so that one stalled on its client does not
 * hold up the shutdown). An admin may hold only so many streams open at once on this node, the JSON API's and the
 * Control Panel's together ({@code provisioning.live-streams-per-admin}): each one holds a connection, a keep-alive and,
 * while its client does not read, a writer thread, so a script that opens streams and never closes them is refused
 * ({@link TooManyStreams}) before it holds more.
 */
@Component
public class LiveStreams implements DisposableBean {

    static final long HEARTBEAT_SECONDS = 15;

    /**
     * How long a stream whose client left may still hold its place: the first keep-alive after it left may still be
     * taken by the connection's buffers, the second fails and frees the place.
     */
    public static final long FREED_WITHIN_SECONDS = 2 * HEARTBEAT_SECONDS;

    private final int perAdmin;
    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<AdminId, Integer> openPerAdmin = new ConcurrentHashMap<>();
    private final ExecutorService writers = LiveStream.writers("activity-stream-writer");
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "activity-stream-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public LiveStreams(LiveStreamSettings settings) {
        this.perAdmin = settings.liveStreamsPerAdmin();
    }

    /**
     * One of the admin's places for a stream, to be taken before the stream's answer starts and given to
     * {@link #open}, which gives it back when the stream ends ({@link Place#release()} if the stream never opens).
     *
     * @throws TooManyStreams if the admin already has as many streams open on this node as it may
     */
    public Place reserve(AdminId admin) {
        boolean[] taken = {false};
        openPerAdmin.compute(admin, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perAdmin) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            throw new TooManyStreams(perAdmin);
        }
        return new Place(admin);
    }

    /**
     * A stream on this emitter, in the place reserved for it. What {@code before} queues is written first;
     * {@code subscribe} then subscribes the stream to the rows it follows (after {@code before}, so that nothing falls
     * in between), and the stream starts.
     */
    public LiveStream open(
            Place place,
            SseEmitter emitter,
            int backlog,
            BooleanSupplier stillAllowed,
            Consumer<LiveStream> before,
            Function<LiveStream, ActivityFeed.Subscription> subscribe) {
        LiveStream stream = new LiveStream(emitter, writers, backlog, stillAllowed);
        ActivityFeed.Subscription subscription;
        try {
            before.accept(stream);
            subscription = subscribe.apply(stream);
        } catch (RuntimeException e) {
            place.release();
            throw e;
        }
        stream.start();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(
                stream::keepAlive, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        open.add(stream);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                subscription.close();
                heartbeat.cancel(false);
                stream.end();
                open.remove(stream);
                place.release();
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        // a stream that ends before its response began never hears the emitter's callbacks
        stream.whenEnded(close);
        return stream;
    }

    /** Ends every open stream when the application stops, so a graceful shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    public void endAll() {
        for (LiveStream stream : List.copyOf(open)) {
            stream.end();
        }
    }

    /** An admin's place for one stream; given back once, however often {@link #release()} is called. */
    public final class Place {

        private final AdminId admin;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(AdminId admin) {
            this.admin = admin;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                openPerAdmin.computeIfPresent(admin, (key, count) -> count <= 1 ? null : count - 1);
            }
        }
    }

    /** An admin asked for one live stream more than it may hold open at once. */
    public static final class TooManyStreams extends RuntimeException {

        private final int perAdmin;

        TooManyStreams(int perAdmin) {
            super(
                    "You have " + perAdmin
                            + " live activity streams open already, the most one account may hold at once:"
                            + " close one (a page or a script reading it), then try again",
                    null,
                    false,
                    false);
            this.perAdmin = perAdmin;
        }

        /** As many streams as one admin may hold open at once on this node. */
        public int perAdmin() {
            return perAdmin;
        }
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        writers.shutdownNow();
    }
}
