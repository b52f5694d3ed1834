package com.controlpanel.provisioning.ui.activity;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open server-sent-events stream, written in order on a thread of its own, so that a client that reads slowly, or
 * not at all, holds up only its own stream: never the feed that hands rows to every stream, nor the heartbeats or the
 * catch-up of other streams. What is to be written is queued ({@link #offer}, which never blocks); a client that falls
 * {@code capacity} writes behind is sent away (it reconnects with {@code Last-Event-ID} and resumes). Before writing,
 * at most once a {@link #RECHECK}, the stream asks whether its admin may still read it; once not (signed out by a
 * password change, the account deleted, no longer an admin of the organization) the stream ends.
 */
public final class LiveStream {

    /** One write to the stream, made on the stream's own thread. */
    public interface Write {
        void to(LiveStream stream) throws IOException;
    }

    /** How long an answer to "may this admin still read it" holds. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    private final SseEmitter emitter;
    private final ExecutorService writers;
    private final int capacity;
    private final BooleanSupplier stillAllowed;
    private final Queue<Write> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<Runnable> whenEnded = new AtomicReference<>();
    private volatile boolean started;
    private long allowedUntil;

    /**
     * @param writers where the stream's writes run, one at a time; a pool that grows with the streams writing at once
     *     (see {@link #writers(String)})
     * @param capacity how many writes may wait before the client counts as gone
     * @param stillAllowed whether the admin who opened the stream may still read it
     */
    public LiveStream(SseEmitter emitter, ExecutorService writers, int capacity, BooleanSupplier stillAllowed) {
        this.emitter = emitter;
        this.writers = writers;
        this.capacity = capacity;
        this.stillAllowed = stillAllowed;
        this.allowedUntil = System.nanoTime() + RECHECK.toNanos();
    }

    /** A pool of daemon threads for the writes of open streams: one busy thread at most per stream. */
    public static ExecutorService writers(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts writing what is queued and what comes: a stream's first writes may be queued before it starts. */
    public void start() {
        started = true;
        schedule();
    }

    /** Queues a write; false if the stream has ended, or ends now because its client is too far behind. */
    public boolean offer(Write write) {
        if (ended.get()) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            log.debug("A live stream's client fell {} writes behind and is sent away", capacity);
            end();
            return false;
        }
        queue.add(write);
        schedule();
        return true;
    }

    /** Queues a keep-alive comment unless writes are waiting already (which show the stream is alive). */
    public void keepAlive() {
        if (queued.get() == 0) {
            offer(stream -> stream.send(SseEmitter.event().comment("keep-alive")));
        }
    }

    /**
     * Writes one event now: only from a {@link Write}, on the stream's thread. The admin's access is checked first (at
     * most once a {@link #RECHECK}); an admin who lost it gets nothing more and the stream ends.
     */
    public void send(SseEmitter.SseEventBuilder event) throws IOException {
        if (ended.get()) {
            throw new IOException("The stream has ended");
        }
        if (System.nanoTime() - allowedUntil > 0) {
            if (!stillAllowed.getAsBoolean()) {
                end();
                throw new IOException("The admin may no longer read this stream");
            }
            allowedUntil = System.nanoTime() + RECHECK.toNanos();
        }
        emitter.send(event);
    }

    public boolean ended() {
        return ended.get();
    }

    /**
     * Runs {@code action} once, when the stream ends (at once if it has): what the stream holds goes with it even when
     * the emitter's own callbacks never come, as for a stream ended before its response began.
     */
    public void whenEnded(Runnable action) {
        whenEnded.set(action);
        if (ended.get()) {
            runWhenEnded();
        }
    }

    private void runWhenEnded() {
        Runnable action = whenEnded.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    /** Ends the stream: nothing more is written, and the response is completed (on a writer, never the caller). */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            runWhenEnded();
            queue.clear();
            try {
                writers.execute(() -> {
                    try {
                        emitter.complete();
                    } catch (RuntimeException e) {
                        log.debug("Completing a live stream failed; its client has gone", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                // shutting down: the container completes it
            }
        }
    }

    private void schedule() {
        if (started && writing.compareAndSet(false, true)) {
            try {
                writers.execute(this::writeQueued);
            } catch (RejectedExecutionException e) {
                writing.set(false);
                ended.set(true);
                runWhenEnded();
            }
        }
    }

    private void writeQueued() {
        try {
            Write next;
            while (!ended.get() && (next = queue.poll()) != null) {
                queued.decrementAndGet();
                next.to(this);
            }
        } catch (IOException | RuntimeException e) {
            // the client left, the admin lost access, or reading the rows failed: the client reconnects and resumes
            log.debug("A live stream ends", e);
            end();
        } finally {
            writing.set(false);
        }
        if (!ended.get() && !queue.isEmpty()) {
            schedule();
        }
    }
}
