package com.controlpanel.provisioning.storage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The instants a query can compare with stored times: years 1 to 9999, as SQL's {@code TIMESTAMP} holds them. Java
 * parses instants a billion years away; passed to the database they fail as a conversion error (a 500), so the edges
 * that read instants refuse them first.
 */
public final class StorableInstants {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String RANGE = "between the years 1 and 9999";

    private StorableInstants() {}

    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * An instant as a {@code TIMESTAMP WITH TIME ZONE} column takes it (H2 and PostgreSQL's drivers both take an
     * {@link OffsetDateTime}), in UTC: {@code instant.atOffset(ZoneOffset.UTC)}, without the time-zone rules Java 17
     * makes afresh for every such call (a rebuild writes several times a row).
     */
    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.of(
                LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }
}
