package com.controlpanel.provisioning.testing;

import com.controlpanel.provisioning.domain.api.OrganizationCommand;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;

/**
 * The next command of an organization held between making its events (stamped with their time) and its commit: what
 * a write in flight looks like to a reader of the store. Released by {@link #commit()} or on close.
 */
public final class PausedCommit implements AutoCloseable {

    private final CountDownLatch stamped = new CountDownLatch(1);
    private final CountDownLatch commit = new CountDownLatch(1);
    private final Registration pausing;

    private PausedCommit(CommandBus bus, OrganizationId organizationId) {
        AtomicBoolean armed = new AtomicBoolean(true);
        pausing = bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof OrganizationCommand command
                    && organizationId.equals(command.organizationId())
                    && armed.getAndSet(false)) {
                unitOfWork.onPrepareCommit(committing -> {
                    stamped.countDown();
                    try {
                        commit.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            return chain.proceed();
        });
    }

    /** Holds the next command of the organization on this bus (a node's). */
    public static PausedCommit ofNextCommand(CommandBus bus, OrganizationId organizationId) {
        return new PausedCommit(bus, organizationId);
    }

    /** Whether the command has made its events and waits to commit them (within 30 s). */
    public boolean awaitStamped() throws InterruptedException {
        return stamped.await(30, TimeUnit.SECONDS);
    }

    /** Lets the command commit. */
    public void commit() {
        commit.countDown();
    }

    @Override
    public void close() {
        commit.countDown();
        pausing.cancel();
    }
}
