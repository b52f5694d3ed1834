package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Projects every organization, member and team event into the directory tables, in the command's own transaction
 * (a subscribing processor): what a command wrote, the very next read sees. Rebuilt by {@code DirectoryRebuild}.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    public static final String PROCESSING_GROUP = "directory";

    private final DirectorySlots slots;

    public DirectoryProjection(DirectorySlots slots) {
        this.slots = slots;
    }

    @EventHandler
    void on(OrganizationEvent event, @Timestamp Instant timestamp, @SequenceNumber Long sequenceNumber) {
        DirectoryEvolver.apply(event, new EventContext(timestamp, sequenceNumber), slots.liveStore());
    }
}
