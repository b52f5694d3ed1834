package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.storage.StorableInstants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads ISO-8601 instants from query parameters ({@code 2026-11-28T17:05:25Z} or with an offset). */
public final class Instants {

    private Instants() {}

    public static Instant optional(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // a '+' left unencoded in a query arrives as a space: in an offset (+02:00), and before a year past 9999
        String text = value.strip().replace(' ', '+');
        Instant instant = parse(text);
        if (instant == null && value.startsWith(" ") && !text.startsWith("+")) {
            instant = parse("+" + text);
        }
        if (instant == null) {
            throw new InvalidValueException(
                    "Parameter '" + name + "' must be an ISO-8601 instant, like 2026-11-28T17:05:25Z");
        }
        if (!StorableInstants.storable(instant)) {
            throw new InvalidValueException(
                    "Parameter '" + name + "' is " + instant + ": an instant must be " + StorableInstants.RANGE);
        }
        return instant;
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    public static Instant required(String value, String name) {
        Instant instant = optional(value, name);
        if (instant == null) {
            throw new InvalidValueException("Parameter '" + name + "' is required: an ISO-8601 instant");
        }
        return instant;
    }

    /**
     * A required instant that is not after now: a state as of a later instant would change as events arrive, so it
     * is refused, as the Control Panel's "Organization as of…" refuses it.
     */
    public static Instant notInTheFuture(String value, String name) {
        Instant instant = required(value, name);
        Instant now = Instant.now();
        if (instant.isAfter(now)) {
            throw new InvalidValueException("Parameter '" + name + "' is " + Moments.text(instant)
                    + ", which is still to come (now is " + Moments.text(now) + "): a state is known only up to now");
        }
        return instant;
    }
}
