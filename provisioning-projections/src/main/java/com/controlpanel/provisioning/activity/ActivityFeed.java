package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.storage.QuietStop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * New activity rows for whoever watches an organization's timeline (the Control Panel's live view). This node's
 * projection hands over each row it committed, even one whose event filled a gap below rows already delivered; every
 * second the feed also reads the live slot for rows after the last one it delivered, so rows written by another node
 * arrive too. A row is delivered once.
 */
@Component
public class ActivityFeed implements DisposableBean {

    /** Receives rows in the order they were stored. */
    public interface Listener {
        void onRow(ActivityRow row) throws Exception;
    }

    /** Stop receiving. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private static final Logger log = LoggerFactory.getLogger(ActivityFeed.class);

    private final ActivityQueries queries;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "activity-feed");
        thread.setDaemon(true);
        return thread;
    });

    public ActivityFeed(@Lazy ActivityQueries queries) {
        this.queries = queries;
        poller.scheduleWithFixedDelay(this::pollAll, 1, 1, TimeUnit.SECONDS);
    }

    private final class Channel {
        final OrganizationId organizationId;
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        final java.util.Set<Long> delivered = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > 10_000;
            }
        });
        volatile long lastPosition;

        Channel(OrganizationId organizationId) {
            this.organizationId = organizationId;
            this.lastPosition = queries.lastPosition(organizationId);
        }

        /**
         * A listener joins. The first after a time with none starts from the last row stored now: rows stored while
         * nobody listened were not delivered, and are no news to someone who opens the timeline now.
         */
        synchronized void add(Listener listener) {
            if (listeners.isEmpty()) {
                lastPosition = Math.max(lastPosition, queries.lastPosition(organizationId));
            }
            listeners.add(listener);
        }

        synchronized void poll() {
            if (listeners.isEmpty()) {
                return;
            }
            for (ActivityRow row : queries.after(organizationId, lastPosition, 500)) {
                deliver(row);
            }
        }

        synchronized void deliver(ActivityRow row) {
            if (!delivered.add(row.position())) {
                return;
            }
            for (Listener listener : listeners) {
                try {
                    listener.onRow(row);
                } catch (Exception e) {
                    log.debug("A live activity listener failed and is dropped", e);
                    listeners.remove(listener);
                }
            }
            lastPosition = Math.max(lastPosition, row.position());
        }
    }

    /** Delivers every row stored from now on for this organization (a row committed late may be below one seen). */
    public Subscription subscribe(OrganizationId organizationId, Listener listener) {
        Channel channel = channels.computeIfAbsent(organizationId.value(), id -> new Channel(organizationId));
        channel.add(listener);
        return () -> channel.listeners.remove(listener);
    }

    /** This node's projection committed this row: deliver it now rather than at the next poll. */
    void publish(ActivityRow row) {
        Channel channel = channels.get(row.organizationId());
        if (channel != null && !channel.listeners.isEmpty()) {
            poller.execute(() -> channel.deliver(row));
        }
    }

    private void pollAll() {
        for (Channel channel : channels.values()) {
            try {
                channel.poll();
            } catch (RuntimeException e) {
                log.warn("Reading new activity for the live feed failed", e);
            }
        }
    }

    /**
     * Lets a poll under way end (5 s at most), without interrupting it: an interrupt while H2 reads its file closes
     * the file, and the database with it.
     */
    @Override
    public void destroy() {
        QuietStop.stop(Duration.ofSeconds(5), poller);
    }
}
