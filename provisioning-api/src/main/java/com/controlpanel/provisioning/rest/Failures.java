package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.DomainException;
import java.util.Optional;

/** Finds the domain's reason in an exception that may have been wrapped on its way out of the command bus. */
public final class Failures {

    private Failures() {}

    public static Optional<DomainException> domainCause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof DomainException domain) {
                return Optional.of(domain);
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    public static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
