package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.web.PlainParameters;
import java.math.BigInteger;
import java.util.Locale;

/** Reads the JSON API's query parameters, refusing unknown values with a 400 that names them. */
public final class Params {

    private Params() {}

    public static <E extends Enum<E>> E optionalEnum(String value, Class<E> type, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ")
                        .append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new InvalidValueException("Parameter '" + name + "' must be one of: " + allowed);
        }
    }

    public static boolean descending(String order) {
        if (order == null || order.isBlank() || order.equalsIgnoreCase("asc")) {
            return false;
        }
        if (order.equalsIgnoreCase("desc")) {
            return true;
        }
        throw new InvalidValueException("Parameter 'order' must be asc or desc");
    }

    /** A page size from 0 (then only the total is of use) to {@code max}; 50 when not given. */
    public static int limit(String limit, int max) {
        return limit(limit, 0, max);
    }

    /**
     * A page size for cursor paging: at least 1, since an empty page has no next cursor, which would say that nothing
     * is left.
     */
    public static int cursorLimit(String limit, int max) {
        return limit(limit, 1, max);
    }

    /**
     * Read here, not by Spring: a number with more digits than an int holds is out of this call's range, which the
     * answer names, rather than out of an int's.
     */
    private static int limit(String limit, int min, int max) {
        if (limit == null || limit.isEmpty()) {
            return 50;
        }
        try {
            PlainParameters.checked(limit);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("Parameter 'limit' must be a whole number");
        }
        BigInteger value = new BigInteger(limit);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidValueException("Parameter 'limit' must be between " + min + " and " + max);
        }
        return value.intValue();
    }

    public static int offset(Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw new InvalidValueException("Parameter 'offset' must not be negative");
        }
        return offset;
    }

    /** An event's store position, if given: {@code through} of the state as of an instant. */
    public static Long position(Long position, String name) {
        if (position != null && position < 0) {
            throw new InvalidValueException("Parameter '" + name + "' must be an event's store position, not negative");
        }
        return position;
    }
}
