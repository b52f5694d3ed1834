package com.controlpanel.provisioning.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log of requests answered 503 because the database is out of reach (or every connection stayed in use): one line
 * each, naming the failure's innermost cause, and its whole trace at most once a minute. While the database is down
 * every request fails alike, and a trace of 150 to 230 lines each buried the log (8 clients: 270 lines a second; a
 * full disk: thousands, onto the disk that was full).
 */
public final class OutageLog {

    private static final long TRACE_EVERY = TimeUnit.MINUTES.toNanos(1);
    private static final int CAUSE_MAX = 300;

    /**
     * The one every edge shares: a trace a minute for the whole service, not one per edge. Made after the constants
     * above, which its first trace needs (made before them, it took the service's first outage for one a minute old).
     */
    public static final OutageLog SHARED = new OutageLog(System::nanoTime);

    private final LongSupplier nanoTime;
    private final AtomicLong lastTrace;

    OutageLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastTrace = new AtomicLong(nanoTime.getAsLong() - TRACE_EVERY);
    }

    /** Logs one request that could not be answered for the database: {@code what} names it. */
    public void unavailable(Logger log, String what, Throwable failure) {
        long now = nanoTime.getAsLong();
        long last = lastTrace.get();
        if (now - last >= TRACE_EVERY && lastTrace.compareAndSet(last, now)) {
            log.warn("{} (its trace follows; others within a minute are logged in one line each)", what, failure);
        } else {
            log.warn("{}: {}", what, innermost(failure));
        }
    }

    static String innermost(Throwable failure) {
        Throwable innermost = DatabaseFailures.innermost(failure);
        String text = innermost.getClass().getName() + ": " + innermost.getMessage();
        text = text.replace('\n', ' ').replace('\r', ' ');
        return text.length() > CAUSE_MAX ? text.substring(0, CAUSE_MAX) + "…" : text;
    }
}
