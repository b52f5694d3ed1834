package com.controlpanel.provisioning.domain.api;

import java.util.Collection;
import java.util.Map;

/**
 * How many characters a value takes written as JSON, never fewer than a JSON writer takes: strings with their quotes
 * and escapes (a control character as {@code \}{@code u0001}), maps and lists with their punctuation.
 */
final class JsonLength {

    private JsonLength() {}

    static long of(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return ofString(text);
        }
        if (value instanceof Map<?, ?> map) {
            long length = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                length += ofString(String.valueOf(entry.getKey())) + 2 + of(entry.getValue());
            }
            return length;
        }
        if (value instanceof Collection<?> list) {
            long length = 2;
            for (Object element : list) {
                length += of(element) + 1;
            }
            return length;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value).length();
        }
        return ofString(String.valueOf(value));
    }

    static long ofString(CharSequence text) {
        if (text == null) {
            return 4;
        }
        long length = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : 1;
        }
        return length;
    }
}
