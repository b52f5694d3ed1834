package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.ui.activity.LiveStream;
import com.controlpanel.provisioning.ui.activity.LiveStreamSettings;
import com.controlpanel.provisioning.ui.activity.LiveStreams;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A live stream's writes: in order, on a thread of its own, never blocking who offers them, and when they stop. */
class LiveStreamTest {

    private final ExecutorService writers = LiveStream.writers("live-stream-test");

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** An emitter that records what is sent to it, and may be made to hang like a client that stopped reading. */
    private static final class Recording extends SseEmitter {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch hanging = new CountDownLatch(1);
        final CountDownLatch completed = new CountDownLatch(1);
        volatile boolean hang;

        @Override
        public void send(SseEventBuilder event) throws IOException {
            if (hang) {
                hanging.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            threads.add(Thread.currentThread().getName());
            sent.add(event.build().iterator().next().getData().toString().strip());
        }

        @Override
        public void complete() {
            completed.countDown();
        }
    }

    @Test
    void aStreamThatEndsBeforeItsResponseBeganGivesItsPlaceBack() throws Exception {
        LiveStreams streams = new LiveStreams(new LiveStreamSettings(1));
        try {
            AdminId admin = AdminId.random();
            LiveStreams.Place place = streams.reserve(admin);
            assertThatThrownBy(() -> streams.reserve(admin)).isInstanceOf(LiveStreams.TooManyStreams.class);
            AtomicBoolean unsubscribed = new AtomicBoolean();
            // its first write fails before the container takes the emitter, whose callbacks then never come
            streams.open(
                    place,
                    new SseEmitter(),
                    10,
                    () -> true,
                    stream -> stream.offer(live -> {
                        throw new IOException("the missed rows could not be read");
                    }),
                    stream -> () -> unsubscribed.set(true));

            LiveStreams.Place again = null;
            Instant deadline = Instant.now().plusSeconds(5);
            while (again == null && Instant.now().isBefore(deadline)) {
                try {
                    again = streams.reserve(admin);
                } catch (LiveStreams.TooManyStreams e) {
                    Thread.sleep(20);
                }
            }
            assertThat(again).as("the admin's place is free again").isNotNull();
            assertThat(unsubscribed).as("the stream no longer follows the feed").isTrue();
        } finally {
            streams.endAll();
            streams.destroy();
        }
    }

    private LiveStream stream(Recording emitter, int capacity, BooleanSupplier allowed) {
        LiveStream stream = new LiveStream(emitter, writers, capacity, allowed);
        stream.start();
        return stream;
    }

    private static void offer(LiveStream stream, int id) {
        stream.offer(live -> live.send(SseEmitter.event().id(Integer.toString(id))));
    }

    private static void awaitSent(Recording emitter, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (emitter.sent.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
    }

    @Test
    void writesGoOutInTheOrderOfferedOnTheStreamsOwnThread() throws Exception {
        Recording emitter = new Recording();
        LiveStream stream = stream(emitter, 1_000, () -> true);
        for (int i = 0; i < 300; i++) {
            offer(stream, i);
        }
        awaitSent(emitter, 300);
        assertThat(emitter.sent)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300)
                        .mapToObj(i -> "id:" + i)
                        .toList());
        assertThat(emitter.threads).allMatch(name -> name.equals("live-stream-test"));
    }

    @Test
    void nothingIsWrittenBeforeTheStreamStarts() throws Exception {
        Recording emitter = new Recording();
        LiveStream stream = new LiveStream(emitter, writers, 10, () -> true);
        offer(stream, 1);
        Thread.sleep(200);
        assertThat(emitter.sent).isEmpty();
        stream.start();
        awaitSent(emitter, 1);
        assertThat(emitter.sent).containsExactly("id:1");
    }

    @Test
    void aClientThatStopsReadingBlocksNoOfferAndIsSentAwayOnceTooFarBehind() throws Exception {
        Recording emitter = new Recording();
        emitter.hang = true;
        LiveStream stream = stream(emitter, 5, () -> true);
        long started = System.nanoTime();
        // one write hangs on the client; five more may wait; the next one is one too many
        offer(stream, 0);
        assertThat(emitter.hanging.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 6; i++) {
            offer(stream, i);
        }
        assertThat(stream.ended()).isFalse();
        assertThat(stream.offer(live -> live.send(SseEmitter.event().id("late"))))
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(stream.ended()).isTrue();
        emitter.release.countDown();
        assertThat(emitter.completed.await(5, TimeUnit.SECONDS)).isTrue();
        // the write under way finishes; none of those waiting is made after the stream ended
        awaitSent(emitter, 1);
        Thread.sleep(100);
        assertThat(emitter.sent).containsExactly("id:0");
    }

    @Test
    void anAdminWhoLostAccessGetsNothingMoreAndTheStreamEnds() throws Exception {
        Recording emitter = new Recording();
        AtomicBoolean allowed = new AtomicBoolean(true);
        LiveStream stream = stream(emitter, 10, allowed::get);
        offer(stream, 1);
        awaitSent(emitter, 1);

        allowed.set(false);
        Thread.sleep(LiveStream.RECHECK.toMillis() + 100);
        offer(stream, 2);
        assertThat(emitter.completed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(emitter.sent).containsExactly("id:1");
        assertThat(stream.ended()).isTrue();
    }

    @Test
    void aKeepAliveIsQueuedOnlyWhenNothingWaits() throws Exception {
        Recording emitter = new Recording();
        emitter.hang = true;
        LiveStream stream = stream(emitter, 10, () -> true);
        offer(stream, 1);
        assertThat(emitter.hanging.await(5, TimeUnit.SECONDS)).isTrue();
        offer(stream, 2);
        stream.keepAlive();
        emitter.release.countDown();
        awaitSent(emitter, 2);
        Thread.sleep(100);
        assertThat(emitter.sent).containsExactly("id:1", "id:2");

        stream.keepAlive();
        awaitSent(emitter, 3);
        assertThat(emitter.sent).hasSize(3);
        assertThat(emitter.sent.get(2)).isEqualTo(":keep-alive");
    }
}
