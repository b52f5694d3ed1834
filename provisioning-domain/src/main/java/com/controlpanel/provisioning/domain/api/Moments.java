package com.controlpanel.provisioning.domain.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A moment as clients are given it: ISO-8601 in UTC with exactly its milliseconds ({@code 2026-12-02T04:33:28.000Z},
 * not {@code 2026-12-02T04:33:28Z} beside {@code …28.001Z}, nor {@code …28.617000100Z} beside {@code …28.617Z}), so
 * that a column of them sorted as text (a spreadsheet, {@code sort}) is in time order. Every moment of the audit trail
 * is held to the millisecond (events, Activity rows, states as of an instant): only moments of the service's own
 * bookkeeping (a rebuild's start, a sign-in) had more, and lose it here.
 */
public final class Moments {

    private Moments() {}

    public static String text(Instant moment) {
        Instant millis = moment.truncatedTo(ChronoUnit.MILLIS);
        String text = millis.toString();
        if (millis.getNano() != 0 || !text.endsWith("Z")) {
            return text;
        }
        return text.substring(0, text.length() - 1) + ".000Z";
    }
}
