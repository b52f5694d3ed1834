package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.domain.api.OrganizationCommand;
import com.controlpanel.provisioning.rebuild.WriteGate;
import jakarta.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * The command bus with every dispatch passing the {@link WriteGate}. The local bus handles a command in the
 * dispatching thread, unit of work and commit included, so a closed gate means no write is in flight, and a command
 * passes it after the one of its organization in flight has committed ({@link OrganizationCommand}).
 */
public class GatedCommandBus implements CommandBus {

    private final CommandBus delegate;
    private final WriteGate gate;

    public GatedCommandBus(CommandBus delegate, WriteGate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    @Override
    public <C> void dispatch(@Nonnull CommandMessage<C> command) {
        gate.pass(organizationOf(command), () -> {
            delegate.dispatch(command);
            return null;
        });
    }

    @Override
    public <C, R> void dispatch(
            @Nonnull CommandMessage<C> command, @Nonnull CommandCallback<? super C, ? super R> callback) {
        gate.pass(organizationOf(command), () -> {
            delegate.dispatch(command, callback);
            return null;
        });
    }

    /** The organization whose commands this one waits for (see {@link OrganizationCommand}); null for none. */
    static String organizationOf(CommandMessage<?> command) {
        return command.getPayload() instanceof OrganizationCommand scoped && scoped.organizationId() != null
                ? scoped.organizationId().value()
                : null;
    }

    @Override
    public Registration subscribe(
            @Nonnull String commandName, @Nonnull MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            @Nonnull MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            @Nonnull MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
