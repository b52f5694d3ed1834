package com.controlpanel.provisioning.rebuild;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Lets commands through side by side, and lets a rebuild stop them for the moment it catches up and switches a read
 * model's slot. Every command dispatch passes the gate (see the gated command bus); holding it for a command's whole
 * unit of work means that when the rebuild holds it, no write is in flight. It guards one node: several nodes
 * sharing a database must not rebuild while others write.
 */
public class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public <T> T pass(Supplier<T> write) {
        lock.readLock().lock();
        try {
            return write.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs the action while no write runs and none can start. */
    public void closedWhile(Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isClosed() {
        return lock.isWriteLocked();
    }
}
