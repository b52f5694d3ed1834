package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Activity > Actions: one row per event, written by a pooled streaming processor (it may lag the command by
 * milliseconds). Rebuilt by {@code ActivityRebuild}; a token reset empties it and replays. Only live events wake the
 * live feed: a replay notifies nobody.
 */
@Component
@ProcessingGroup(ActivityProjection.PROCESSING_GROUP)
public class ActivityProjection {

    public static final String PROCESSING_GROUP = "activity";

    private final ActivitySlots slots;
    private final ActivityFeed feed;

    public ActivityProjection(ActivitySlots slots, ActivityFeed feed) {
        this.slots = slots;
        this.feed = feed;
    }

    @EventHandler
    void on(OrganizationEvent event, EventMessage<?> message, ReplayStatus replay) {
        ActivityStore store = slots.liveStore();
        long position = store.positionOf(message.getIdentifier());
        ActivityRow row = ActivityDescriber.describe(input(event, message, position), store);
        store.insert(row);
        if (!replay.isReplay() && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> feed.publish(row));
        }
    }

    @ResetHandler
    void reset() {
        slots.liveStore().truncate();
    }

    static ActivityDescriber.Input input(OrganizationEvent event, EventMessage<?> message, long position) {
        Object requestId = message.getMetaData().get(Actor.REQUEST_ID);
        Object client = message.getMetaData().get(Actor.CLIENT);
        return new ActivityDescriber.Input(
                position,
                message.getIdentifier(),
                message.getTimestamp(),
                event,
                Actor.fromMetaData(message.getMetaData()),
                requestId == null ? null : requestId.toString(),
                client == null ? null : client.toString());
    }
}
