package com.controlpanel.provisioning.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.springframework.stereotype.Component;

/**
 * The activity processor's error handler: passes every failure on, so that the processor retries the event (a
 * skipped event would be a hole in the audit trail), and remembers the last one until an event is stored again, so
 * that whoever waits for the processor (a rebuild) can say why it stands still, and the timeline that it is behind.
 */
@Component
public class ActivityFailures implements ListenerInvocationErrorHandler {

    /**
     * How recent a failure keeps the processor "failing" for the health check, the metrics and the Activity page's
     * "behind" notice alike: the three say the same. The processor retries with growing pauses, up to a minute: a
     * failure older than this has passed.
     */
    public static final Duration FAILING_WINDOW = Duration.ofMinutes(10);

    private record Failure(Instant since, Instant at, String eventId, String error) {}

    private final Clock clock;
    private volatile Failure last;

    public ActivityFailures() {
        this(Clock.systemUTC());
    }

    ActivityFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        Failure before = last;
        Instant now = clock.instant();
        last = new Failure(
                before == null ? now : before.since(),
                now,
                event.getIdentifier(),
                event.getPayloadType().getSimpleName() + " " + event.getIdentifier() + ": "
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        throw exception;
    }

    /** An event was stored: whatever failed before has passed. */
    public void succeeded() {
        if (last != null) {
            last = null;
        }
    }

    /**
     * Whether the processor is failing: its last event failed, within {@code recent}, and none was stored since.
     * Says nothing of which: that may be another organization's data.
     */
    public boolean failing(Duration recent) {
        return recent(recent).isPresent();
    }

    /**
     * Since when the processor has been failing: its first failure after the last event it stored, if its last
     * failure happened within {@code recent}.
     */
    public Optional<Instant> failingSince(Duration recent) {
        Failure failure = last;
        return failure == null || failure.at().isBefore(clock.instant().minus(recent))
                ? Optional.empty()
                : Optional.of(failure.since());
    }

    /** The last failure, if it happened within {@code recent} and none was stored since: which event, the cause. */
    public Optional<String> recent(Duration recent) {
        Failure failure = last;
        return failure == null || failure.at().isBefore(clock.instant().minus(recent))
                ? Optional.empty()
                : Optional.of(failure.error());
    }
}
