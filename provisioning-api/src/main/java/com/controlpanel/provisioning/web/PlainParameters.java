package com.controlpanel.provisioning.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A number in an address ({@code limit=20}, {@code offset=40}, {@code after=1234}) is written in ASCII decimal digits,
 * with a minus sign if negative, and nothing else. Spring on its own also reads {@code 0x10} and {@code #10} as 16,
 * digits of other scripts (Devanagari {@code २} as 2), a leading {@code +} and surrounding spaces; none of those is
 * what a person or a script means by a page size, so they are refused like any other value that is not a number (400
 * naming the parameter, on the JSON API and in the Control Panel). An empty value stays "not given".
 *
 * <p>A yes-or-no in an address ({@code fresh=true}) is {@code true} or {@code false}, in any case: Spring on its own
 * also reads {@code on}, {@code yes} and {@code 1} as true, and the answer to any other value says "true or false".
 *
 * <p>Editors, not converters: Spring falls back to its own number editor when a converter refuses a value, and that
 * one reads the hexadecimal.
 */
@ControllerAdvice
public class PlainParameters {

    @InitBinder
    void plainValues(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new Plain<>(text -> Integer.valueOf(checked(text)), true));
        binder.registerCustomEditor(int.class, new Plain<>(text -> Integer.valueOf(checked(text)), false));
        binder.registerCustomEditor(Long.class, new Plain<>(text -> Long.valueOf(checked(text)), true));
        binder.registerCustomEditor(long.class, new Plain<>(text -> Long.valueOf(checked(text)), false));
        binder.registerCustomEditor(Boolean.class, new Plain<>(PlainParameters::truth, true));
        binder.registerCustomEditor(boolean.class, new Plain<>(PlainParameters::truth, false));
    }

    /** Reads a value with its parser, which refuses (an IllegalArgumentException) any text it does not take. */
    static final class Plain<T> extends PropertyEditorSupport {

        private final Function<String, T> parse;
        private final boolean emptyIsNull;

        Plain(Function<String, T> parse, boolean emptyIsNull) {
            this.parse = parse;
            this.emptyIsNull = emptyIsNull;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || (text.isEmpty() && emptyIsNull)) {
                setValue(null);
                return;
            }
            setValue(parse.apply(text));
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }

    /** {@code true} or {@code false}, in any case; anything else is refused. */
    static Boolean truth(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("neither true nor false: " + text);
    }

    /** The text, if it is decimal; otherwise a NumberFormatException (an IllegalArgumentException). */
    public static String checked(String text) {
        int start = !text.isEmpty() && text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            throw new NumberFormatException("not a number: " + text);
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a decimal number: " + text);
            }
        }
        return text;
    }
}
