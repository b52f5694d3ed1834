package com.controlpanel.provisioning.health;

import com.controlpanel.provisioning.activity.ActivityFailures;
import com.controlpanel.provisioning.activity.ActivityProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges of the Activity > Actions processor, read when scraped ({@code /actuator/prometheus}):
 * {@code provisioning_activity_behind_events} (stored events it has not taken yet: alert when it keeps growing) and
 * {@code provisioning_activity_failing} (1 while it can not store an event, as the {@code activity} health component).
 */
@Component
public class ActivityMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ActivityMetrics.class);

    private final ActivityProgress progress;
    private final ActivityFailures failures;

    public ActivityMetrics(ActivityProgress progress, ActivityFailures failures) {
        this.progress = progress;
        this.failures = failures;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("provisioning.activity.behind", this, ActivityMetrics::behind)
                .baseUnit("events")
                .description("Stored events the Activity > Actions processor has not taken yet")
                .register(registry);
        Gauge.builder(
                        "provisioning.activity.failing",
                        failures,
                        f -> f.failing(ActivityFailures.FAILING_WINDOW) ? 1 : 0)
                .description("1 while the Activity > Actions processor can not store an event (it retries it)")
                .register(registry);
    }

    /** Unknown (NaN) while the database can not be read: a scrape never fails for it. */
    private double behind() {
        try {
            return progress.eventsBehind();
        } catch (RuntimeException e) {
            log.debug("Could not read how far Activity > Actions is behind", e);
            return Double.NaN;
        }
    }
}
