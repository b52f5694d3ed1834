package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.slots.ProjectionSlot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which of the activity's two table slots is live. */
@Component
public class ActivitySlots {

    private final JdbcTemplate jdbc;
    private final ProjectionSlot slot;

    public ActivitySlots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.slot = new ProjectionSlot(jdbc, "activity");
    }

    ActivityTables live() {
        return ActivityTables.of(slot.live());
    }

    ActivityStore liveStore() {
        return new ActivityStore(jdbc, live());
    }

    ActivityStore standbyStore() {
        return new ActivityStore(jdbc, ActivityTables.of(slot.standby()));
    }

    void switchTo(ActivityTables tables) {
        slot.switchTo(tables.slot());
    }
}
