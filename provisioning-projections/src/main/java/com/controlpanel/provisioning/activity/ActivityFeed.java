package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.OrganizationId;
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
 * New activity rows for whoever watches an organization's timeline (the Control Panel's live view). It reads the
 * live slot for rows after the last one it delivered: at once when this node's projection writes a row, and every
 * second anyway, so rows written by another node arrive too.
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
        volatile long lastPosition;

        Channel(OrganizationId organizationId) {
            this.organizationId = organizationId;
            this.lastPosition = queries.lastPosition(organizationId);
        }

        synchronized void poll() {
            if (listeners.isEmpty()) {
                return;
            }
            List<ActivityRow> rows = queries.after(organizationId, lastPosition, 500);
            for (ActivityRow row : rows) {
                for (Listener listener : listeners) {
                    try {
                        listener.onRow(row);
                    } catch (Exception e) {
                        log.debug("A live activity listener failed and is dropped", e);
                        listeners.remove(listener);
                    }
                }
                lastPosition = row.position();
            }
        }
    }

    /** Delivers every row stored from now on for this organization. */
    public Subscription subscribe(OrganizationId organizationId, Listener listener) {
        Channel channel = channels.computeIfAbsent(organizationId.value(), id -> new Channel(organizationId));
        channel.listeners.add(listener);
        return () -> channel.listeners.remove(listener);
    }

    /** A row was just stored for this organization: deliver it now rather than at the next poll. */
    void poke(String organizationId) {
        Channel channel = channels.get(organizationId);
        if (channel != null && !channel.listeners.isEmpty()) {
            poller.execute(channel::poll);
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

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
