package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.application.Causes;
import com.controlpanel.provisioning.domain.api.DomainException;
import java.util.Optional;

/** Finds the domain's reason in an exception that may have been wrapped on its way out of the command bus. */
public final class Failures {

    private Failures() {}

    public static Optional<DomainException> domainCause(Throwable failure) {
        return Causes.find(failure, DomainException.class);
    }

    public static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        return Causes.find(failure, type);
    }
}
