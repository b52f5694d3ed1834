package com.controlpanel.provisioning.rebuild;

import java.util.List;

/**
 * A rebuilt table compared with the live one: row counts, each side's order-free checksum (the sums of its rows'
 * SHA-256 digests), and the first differing rows if they are not equal.
 */
public record TableComparison(
        String readModel,
        String table,
        long liveRows,
        long rebuiltRows,
        String liveChecksum,
        String rebuiltChecksum,
        boolean equal,
        List<String> differences) {}
