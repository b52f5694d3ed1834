package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.application.Causes;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.rebuild.WritesHeldException;
import com.controlpanel.provisioning.rebuild.WritesInFlightException;
import java.util.Optional;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;

/** Finds why the domain refused a command, through the wrapping the command bus may have added. */
public final class Refusals {

    public static final String CHANGED_MEANWHILE =
            "Someone changed this meanwhile. Reload the page to see the current values, then make your change again.";

    private Refusals() {}

    public static Optional<DomainException> domainCause(Throwable failure) {
        return cause(failure, DomainException.class);
    }

    public static boolean changedMeanwhile(Throwable failure) {
        return cause(failure, ConflictingAggregateVersionException.class).isPresent();
    }

    /** A command that waited too long while a rebuild on another node held the writes: nothing was changed. */
    public static boolean writesHeld(Throwable failure) {
        return cause(failure, WritesHeldException.class).isPresent();
    }

    /** A read of an instant that waited too long for a write of that instant still being saved: nothing was read. */
    public static boolean writesInFlight(Throwable failure) {
        return cause(failure, WritesInFlightException.class).isPresent();
    }

    /** The message to show for a refused command, or the failure itself when it is not a refusal. */
    public static String explain(RuntimeException failure) {
        if (changedMeanwhile(failure)) {
            return CHANGED_MEANWHILE;
        }
        return domainCause(failure).map(Throwable::getMessage).orElseThrow(() -> failure);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        return Causes.find(failure, type);
    }
}
