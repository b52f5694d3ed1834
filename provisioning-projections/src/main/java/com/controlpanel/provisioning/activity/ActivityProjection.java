package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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

    private static final String COMMITTED_ROWS = ActivityProjection.class.getName() + ".committedRows";

    private final ActivitySlots slots;
    private final ActivityFeed feed;
    private final ActivityFailures failures;

    public ActivityProjection(ActivitySlots slots, ActivityFeed feed, ActivityFailures failures) {
        this.slots = slots;
        this.feed = feed;
        this.failures = failures;
    }

    @EventHandler
    void on(OrganizationEvent event, EventMessage<?> message, ReplayStatus replay) {
        ActivityStore store = slots.liveStore();
        long position = store.positionOf(message.getIdentifier());
        ActivityRow row = ActivityDescriber.describe(input(event, message, position), store);
        store.insert(row);
        failures.succeeded();
        if (!replay.isReplay() && CurrentUnitOfWork.isStarted()) {
            committedInOrder(CurrentUnitOfWork.get().root()).add(row);
        }
    }

    /**
     * The rows of this unit of work (a batch of events), handed to the live feed once it committed, in the order they
     * were written: Axon runs after-commit handlers in the reverse order of their registration, so one handler per
     * row delivered a batch newest first (and a client resuming from the last id seen got the batch again).
     */
    private List<ActivityRow> committedInOrder(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(COMMITTED_ROWS, key -> {
            List<ActivityRow> rows = new ArrayList<>();
            unitOfWork.afterCommit(committed -> rows.forEach(feed::publish));
            return rows;
        });
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
