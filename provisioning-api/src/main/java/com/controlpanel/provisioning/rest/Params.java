package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
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

    public static int limit(Integer limit, int max) {
        if (limit == null) {
            return 50;
        }
        if (limit < 0 || limit > max) {
            throw new InvalidValueException("Parameter 'limit' must be between 0 and " + max);
        }
        return limit;
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
}
