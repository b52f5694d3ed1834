package com.controlpanel.provisioning.domain.api;

import java.time.Instant;
import java.time.LocalDate;
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

    /** Seconds from the epoch to 0000-01-01T00:00:00Z and to 10000-01-01T00:00:00Z: years written in four digits. */
    private static final long FIRST_SECOND = -62_167_219_200L;

    private static final long PAST_LAST_SECOND = 253_402_300_800L;

    public static String text(Instant moment) {
        long seconds = moment.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= PAST_LAST_SECOND) {
            return written(moment);
        }
        // written digit by digit: Instant.toString's formatter took 8 % of a 100,000-member state as of an instant
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] text = new char[24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, moment.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Years before 0000 or after 9999, as {@link Instant#toString} writes them, with the milliseconds. */
    private static String written(Instant moment) {
        Instant millis = moment.truncatedTo(ChronoUnit.MILLIS);
        String text = millis.toString();
        if (millis.getNano() != 0 || !text.endsWith("Z")) {
            return text;
        }
        return text.substring(0, text.length() - 1) + ".000Z";
    }
}
