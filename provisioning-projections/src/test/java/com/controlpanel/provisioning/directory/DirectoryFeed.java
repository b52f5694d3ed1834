package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** The directory's live tables fed event by event, as its processor feeds them: for tests of what reads them. */
public final class DirectoryFeed {

    private final DirectoryProjection projection;

    public DirectoryFeed(JdbcTemplate jdbc) {
        this.projection = new DirectoryProjection(new DirectorySlots(jdbc));
    }

    /** Applies the event as recorded at this instant, the first of its aggregate. */
    public DirectoryFeed on(OrganizationEvent event, Instant at) {
        projection.on(event, at, 0L);
        return this;
    }
}
