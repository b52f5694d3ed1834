package com.controlpanel.provisioning.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The raw query string as the client sent it. The servlet container drops a parameter whose percent-escapes it can
 * not decode and goes on without it, so {@code filter=userName eq "a%ZZb"} would reach a controller as no filter at
 * all (every user instead of none); such a query is refused instead.
 */
public final class QueryStrings {

    private QueryStrings() {}

    /** The name of the first parameter, as far as it can be read, with a {@code %} not followed by two hex digits. */
    public static Optional<String> malformedParameter(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (!wellEscaped(pair)) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                return Optional.of(wellEscaped(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : name);
            }
        }
        return Optional.empty();
    }

    private static boolean wellEscaped(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
