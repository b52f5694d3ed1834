package com.controlpanel.provisioning.rebuild;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Lets commands through side by side, and lets a rebuild stop them for the moment it catches up and switches a read
 * model's slot. Every command dispatch passes the gate (see the gated command bus); holding it for a command's whole
 * unit of work means that when the rebuild holds it, no write is in flight on this node. On a database several
 * nodes share, each command also {@linkplain #enterInTransaction() enters} the {@link ClusterLocks cluster's write
 * lock} in its transaction, and closing the gate takes that lock exclusively: no node writes either.
 */
public class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ClusterLocks cluster;

    /** A gate for one process (the embedded H2 file, tests). */
    public WriteGate() {
        this(ClusterLocks.NONE);
    }

    public WriteGate(ClusterLocks cluster) {
        this.cluster = cluster;
    }

    public <T> T pass(Supplier<T> write) {
        lock.readLock().lock();
        try {
            return write.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Called in a command's transaction before it loads or stores anything: waits while a rebuild on another node
     * holds the writes, and keeps it waiting until this transaction ends.
     */
    public void enterInTransaction() {
        cluster.enterWrite();
    }

    /**
     * Runs the action while no write runs and none can start: first on this node (its own commands have no cluster
     * lock to wait on, so this order cannot deadlock), then on every node.
     */
    public void closedWhile(Runnable action) {
        lock.writeLock().lock();
        try {
            cluster.holdingWrites(action);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isClosed() {
        return lock.isWriteLocked();
    }

    public ClusterLocks cluster() {
        return cluster;
    }
}
