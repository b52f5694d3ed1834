package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityFeed;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * hold up the shutdown).
 */
@Component
public class LiveStreams implements DisposableBean {

    static final long HEARTBEAT_SECONDS = 15;

    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers = LiveStream.writers("activity-stream-writer");
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "activity-stream-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A stream on this emitter. What {@code before} queues is written first; {@code subscribe} then subscribes the
     * stream to the rows it follows (after {@code before}, so that nothing falls in between), and the stream starts.
     */
    public LiveStream open(
            SseEmitter emitter,
            int backlog,
            BooleanSupplier stillAllowed,
            Consumer<LiveStream> before,
            Function<LiveStream, ActivityFeed.Subscription> subscribe) {
        LiveStream stream = new LiveStream(emitter, writers, backlog, stillAllowed);
        before.accept(stream);
        ActivityFeed.Subscription subscription = subscribe.apply(stream);
        stream.start();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(
                stream::keepAlive, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        open.add(stream);
        Runnable close = () -> {
            subscription.close();
            heartbeat.cancel(false);
            stream.end();
            open.remove(stream);
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        return stream;
    }

    /** Ends every open stream when the application stops, so a graceful shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    public void endAll() {
        for (LiveStream stream : List.copyOf(open)) {
            stream.end();
        }
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        writers.shutdownNow();
    }
}
