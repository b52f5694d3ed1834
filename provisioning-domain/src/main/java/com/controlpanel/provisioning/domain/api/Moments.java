package com.controlpanel.provisioning.domain.api;

import java.time.Instant;

/**
 * A moment as clients are given it: ISO-8601 in UTC with at least the milliseconds ({@code 2026-12-02T04:33:28.000Z},
 * not {@code 2026-12-02T04:33:28Z} beside {@code …28.001Z}), so that a column of them sorted as text (a spreadsheet,
 * {@code sort}) is in time order. A moment with more precision keeps it, as {@link Instant#toString()} writes it.
 */
public final class Moments {

    private Moments() {}

    public static String text(Instant moment) {
        String text = moment.toString();
        if (moment.getNano() != 0 || !text.endsWith("Z")) {
            return text;
        }
        return text.substring(0, text.length() - 1) + ".000Z";
    }
}
