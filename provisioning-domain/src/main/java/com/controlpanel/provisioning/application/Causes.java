package com.controlpanel.provisioning.application;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds why a command failed through the wrapping it may have gained on its way out of the command bus (Axon's
 * execution exceptions, Spring's data access exceptions): the failure itself and its causes, a bounded number of
 * them, a cause that is its own cause read once.
 */
public final class Causes {

    private static final int DEPTH = 16;

    private Causes() {}

    /** The first of the failure and its causes that is of this type. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return first(failure, type::isInstance).map(type::cast);
    }

    /** Whether the failure, or one of its causes, is one of these. */
    public static boolean any(Throwable failure, Predicate<Throwable> kind) {
        return first(failure, kind).isPresent();
    }

    private static Optional<Throwable> first(Throwable failure, Predicate<Throwable> kind) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < DEPTH; depth++) {
            if (kind.test(current)) {
                return Optional.of(current);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return Optional.empty();
    }
}
