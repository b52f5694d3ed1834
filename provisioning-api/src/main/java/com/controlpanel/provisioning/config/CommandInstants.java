package com.controlpanel.provisioning.config;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Every event of one command happens at one instant: the moment the command began, once it held its organization's
 * turn. Axon stamps an event when the aggregate applies it, so a command that applies many (a group deleted with its
 * hundred members, a group pushed with its members, a name changed and the member deactivated in one edit) spread them
 * over several milliseconds, and the state as of an instant inside that span showed the command half done, which no
 * list ever showed: the lists are updated in the command's transaction, all or nothing.
 *
 * <p>{@link #taken()} is a handler interceptor of the command bus, registered after the one that takes the
 * organization's lock in the transaction on a shared database: the instant is read once every lock the command waits
 * for is held, which is what the state as of an instant relies on to know that no write still to come stamps at or
 * before an instant the clock has passed ({@code WriteGate.awaitWritesUpTo}). A command sent again after a failure that
 * passes takes a new instant. {@link #stamping()} is a dispatch interceptor of the event store that gives each event of
 * the command that instant, to the millisecond the store keeps.
 */
final class CommandInstants {

    private static final String RESOURCE = CommandInstants.class.getName() + ".instant";

    private CommandInstants() {}

    /** Notes the command's instant in its unit of work, then handles it. */
    static MessageHandlerInterceptor<CommandMessage<?>> taken() {
        return (unitOfWork, chain) -> {
            unitOfWork
                    .resources()
                    .put(RESOURCE, GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return chain.proceed();
        };
    }

    /** Stamps the events published in a command's unit of work with the command's instant; others are left as they are. */
    static MessageDispatchInterceptor<EventMessage<?>> stamping() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> events) {
                Instant instant = current();
                return instant == null ? (index, event) -> event : (index, event) -> stamped(event, instant);
            }
        };
    }

    /** The instant of the command whose unit of work is under way on this thread, if one is. */
    static Instant current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        for (UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
                unitOfWork != null;
                unitOfWork = unitOfWork.parent().orElse(null)) {
            Instant instant = unitOfWork.getResource(RESOURCE);
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    private static <T> EventMessage<T> stamped(EventMessage<T> event, Instant instant) {
        if (event.getTimestamp().equals(instant)) {
            return event;
        }
        if (event instanceof DomainEventMessage<T> domain) {
            return new GenericDomainEventMessage<>(
                    domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain, instant);
        }
        return new GenericEventMessage<>(event, () -> instant);
    }
}
