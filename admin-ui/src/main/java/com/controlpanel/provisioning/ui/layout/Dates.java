package com.controlpanel.provisioning.ui.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as the Control Panel prints them (UTC, so every admin reads the same time). */
public final class Dates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Dates() {}

    /** The day only, for lists; the whole instant goes in the element's title. */
    public static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    public static String shown(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    public static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
