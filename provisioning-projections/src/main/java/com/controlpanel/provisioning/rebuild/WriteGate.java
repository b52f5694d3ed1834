package com.controlpanel.provisioning.rebuild;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Lets commands through side by side, and lets a rebuild stop them for the moment it catches up and switches a read
 * model's slot. Every command dispatch passes the gate (see the gated command bus); holding it for a command's whole
 * unit of work means that when the rebuild holds it, no write is in flight on this node. On a database several
 * nodes share, each command also {@linkplain #enterInTransaction(String) enters} the {@link ClusterLocks cluster's write
 * lock} in its transaction, and closing the gate takes that lock exclusively: no node writes either.
 */
public class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** One organization's writes wait for each other; organizations that share a stripe do too, which is harmless. */
    private final ReentrantLock[] organizations = new ReentrantLock[64];

    private final ClusterLocks cluster;

    /** A gate for one process (the embedded H2 file, tests). */
    public WriteGate() {
        this(ClusterLocks.NONE);
    }

    public WriteGate(ClusterLocks cluster) {
        this.cluster = cluster;
        for (int i = 0; i < organizations.length; i++) {
            organizations[i] = new ReentrantLock();
        }
    }

    /**
     * Passes the gate with a write of one organization, which waits for that organization's write in flight on this
     * node to end (commit included): one organization's events are stored, and committed, one write after the other,
     * so that their order in the store is the order they happened in (the order a rebuild replays them in) and no
     * write decides on what another one of the organization has not yet committed. Writes of other organizations go
     * side by side. A null organization waits for none.
     */
    public <T> T pass(String organizationId, Supplier<T> write) {
        lock.readLock().lock();
        try {
            if (organizationId == null) {
                return write.get();
            }
            ReentrantLock organization = organizations[Math.floorMod(organizationId.hashCode(), organizations.length)];
            organization.lock();
            try {
                return write.get();
            } finally {
                organization.unlock();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Called in a command's transaction before it loads or stores anything: waits while a rebuild on another node
     * holds the writes, and keeps it waiting until this transaction ends; with an organization, also waits for that
     * organization's write in flight on any node, and keeps the next one waiting until this transaction ends.
     */
    public void enterInTransaction(String organizationId) {
        cluster.enterWrite(organizationId);
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
