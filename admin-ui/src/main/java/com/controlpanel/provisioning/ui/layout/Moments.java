package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.storage.StorableInstants;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a moment from a form or a link: what a {@code datetime-local} field sends (taken as UTC, like every time the
 * Control Panel shows), a day alone (its first moment), or an ISO-8601 instant with its offset.
 */
public final class Moments {

    /** A value that is not a moment; the message says how to write one. */
    public static final class NotAMoment extends RuntimeException {
        NotAMoment(String message) {
            super(message, null, false, false);
        }
    }

    private Moments() {}

    /** The instant, or null for an empty value. */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant = read(value);
        if (!StorableInstants.storable(instant)) {
            throw new NotAMoment(
                    "“" + shorten(value.strip()) + "” is too far away: pick a moment " + StorableInstants.RANGE + ".");
        }
        return instant;
    }

    private static Instant read(String value) {
        String text = value.strip();
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException notInstant) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the other forms
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDay) {
            throw new NotAMoment("“" + shorten(text) + "” is not a date and time. Pick one, or write it like"
                    + " 2026-01-05 14:30 (UTC).");
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
