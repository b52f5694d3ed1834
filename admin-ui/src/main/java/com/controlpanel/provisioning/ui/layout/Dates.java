package com.controlpanel.provisioning.ui.layout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as the Control Panel prints them (UTC, so every admin reads the same time). */
public final class Dates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter PRECISE = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm:ss.SSS 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter FIELD =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter FIELD_MILLIS = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Dates() {}

    /** The day only, for lists; the whole instant goes in the element's title. */
    public static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    public static String shown(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** To the millisecond, as the event store keeps time: for audit views. */
    public static String precise(Instant instant) {
        return instant == null ? "" : PRECISE.format(instant);
    }

    /** The time of day, to the second. */
    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** The value of a {@code datetime-local} field showing this instant in UTC (milliseconds only if any). */
    public static String field(Instant instant) {
        if (instant == null) {
            return "";
        }
        return instant.getNano() / 1_000_000 == 0 ? FIELD.format(instant) : FIELD_MILLIS.format(instant);
    }

    /** The field value of a moment as typed or linked, or "" if it is not one. */
    public static String field(String moment) {
        try {
            return field(Moments.parse(moment));
        } catch (Moments.NotAMoment e) {
            return "";
        }
    }

    /** How long something took: milliseconds under 10 s ("1,415 ms"), then seconds and minutes. */
    public static String took(Duration duration) {
        long ms = duration.toMillis();
        return ms < 10_000 ? String.format(Locale.ENGLISH, "%,d ms", ms) : seconds(duration.toSeconds());
    }

    /** A number of seconds: "42 s", "3 min 5 s". */
    public static String seconds(long seconds) {
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    /** A span of time as a setting gives it: "1 day", "6 hours", "1 hour 30 minutes", "45 seconds". */
    public static String span(Duration duration) {
        long seconds = duration.toSeconds();
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
        String[] units = {"day", "hour", "minute", "second"};
        StringBuilder said = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                said.append(said.isEmpty() ? "" : " ")
                        .append(amounts[i])
                        .append(' ')
                        .append(units[i])
                        .append(amounts[i] == 1 ? "" : "s");
            }
        }
        return said.isEmpty() ? "0 seconds" : said.toString();
    }
}
