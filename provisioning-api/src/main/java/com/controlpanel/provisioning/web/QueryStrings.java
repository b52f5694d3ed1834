package com.controlpanel.provisioning.web;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The raw query string as the client sent it. The servlet container drops a parameter whose percent-escapes it can
 * not decode and goes on without it, so {@code filter=userName eq "a%ZZb"} would reach a controller as no filter at
 * all (every user instead of none); such a query is refused instead.
 */
public final class QueryStrings {

    private QueryStrings() {}

    /** A query parameter the container would not read as it was sent, and why. */
    public record Unreadable(String name, String why) {}

    /**
     * The first parameter of the query that the container would drop or misread: one with a broken percent-escape,
     * else one whose escapes are not UTF-8.
     */
    public static Optional<Unreadable> unreadableParameter(String rawQuery) {
        var malformed = malformedParameter(rawQuery)
                .map(name -> new Unreadable(
                        name,
                        "The query parameter '" + name + "' is not percent-encoded correctly: every '%' must be"
                                + " followed by two hexadecimal digits (a literal '%' is written %25)"));
        return malformed.isPresent()
                ? malformed
                : notUtf8Parameter(rawQuery)
                        .map(name -> new Unreadable(
                                name,
                                "The query parameter '" + name + "' is not UTF-8 once its percent-escapes are decoded"
                                        + " (%FF, or half of a character): percent-encode its text's UTF-8 bytes"));
    }

    /** The name of the first parameter, as far as it can be read, with a {@code %} not followed by two hex digits. */
    private static Optional<String> malformedParameter(String rawQuery) {
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

    /**
     * The name of the first parameter whose percent-escapes decode to bytes that are not UTF-8 ({@code %FF}, half of a
     * character): the container would read each as U+FFFD, and search for a text the client never sent.
     */
    private static Optional<String> notUtf8Parameter(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.indexOf('%') >= 0 && wellEscaped(pair) && !utf8(pair)) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                return Optional.of(utf8(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : name);
            }
        }
        return Optional.empty();
    }

    /** Whether a well-escaped text's bytes, its escapes decoded, are UTF-8. */
    private static boolean utf8(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(escaped, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
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
