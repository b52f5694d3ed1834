package com.controlpanel.provisioning.health;

import com.controlpanel.provisioning.activity.ActivityFailures;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code activity} component of {@code /actuator/health}: down while the Activity > Actions processor fails to
 * store an event. It retries that event for ever (a skipped event would be a hole in the audit trail), so the
 * timelines of every organization stand still until the cause is fixed; SCIM and the Control Panel go on, which is
 * why neither the liveness nor the readiness group includes it. Says since when, never the cause (it may be another
 * organization's data): that is in the log.
 */
@Component("activity")
public class ActivityHealthIndicator implements HealthIndicator {

    private final ActivityFailures failures;

    public ActivityHealthIndicator(ActivityFailures failures) {
        this.failures = failures;
    }

    @Override
    public Health health() {
        return failures.failingSince(ActivityFailures.FAILING_WINDOW)
                .map(since -> Health.down()
                        .withDetail("failingSince", since.toString())
                        .withDetail(
                                "reason",
                                "Activity > Actions can not store an event and retries it; the timelines stand still"
                                        + " (the cause is in the log)"))
                .orElseGet(Health::up)
                .build();
    }
}
