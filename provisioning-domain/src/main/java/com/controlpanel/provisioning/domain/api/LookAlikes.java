package com.controlpanel.provisioning.domain.api;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Text that would look like other text on screen: written with invisible (format) or control characters, spaces other
 * than the plain one, or letters Unicode's compatibility normalization (NFKC) turns into others (a full-width letter, a
 * long s, an accent written as a separate combining mark). Two such names can not be told apart by whoever reads them.
 */
public final class LookAlikes {

    private LookAlikes() {}

    /** Whether the text holds anything that makes it look like other text; a plain space is allowed. */
    public static boolean looksLikeAnother(String text) {
        return text.codePoints().anyMatch(LookAlikes::hidden) || !plain(text).equals(text);
    }

    /**
     * Whether the text holds an invisible or special character: a format character (U+200B), a control character (a
     * tab, a line break) or a space other than the plain one. Compatibility letters are not counted: a display name in
     * Japanese or Chinese is written with full-width brackets and digits and half-width katakana as a matter of course.
     */
    public static boolean holdsHidden(String text) {
        return text.codePoints().anyMatch(LookAlikes::hidden);
    }

    /**
     * Whether the text writes a character in another form Unicode holds to be the same text (canonical equivalence):
     * an accented letter as its letter and a separate combining mark ("E" + U+0301 for "É"), or a sign that stands for
     * a letter (the Ångström sign for "Å"). It looks as the composed form does, and would pass a uniqueness rule beside
     * it. Marks that no letter composes with, as Thai and Devanagari are written, are not counted.
     */
    public static boolean writtenApart(String text) {
        return !Normalizer.isNormalized(text, Normalizer.Form.NFC);
    }

    /** Why the text is {@link #writtenApart written apart}, for an error message: the text as it is usually written. */
    public static String whyApart(String text) {
        return "it is written with separate accents or other forms of the same letters; plainly: '"
                + Normalizer.normalize(text, Normalizer.Form.NFC) + "'";
    }

    /**
     * What makes the text look like other text, for an error message: the first hidden character by its code point
     * ({@code U+200B}), else the text as it is usually written.
     */
    public static String why(String text) {
        return text.codePoints()
                .filter(LookAlikes::hidden)
                .mapToObj(c -> "it holds the invisible or special character U+%04X".formatted(c))
                .findFirst()
                .orElseGet(() -> "it is written with compatibility characters or a separate accent; plainly: '"
                        + plain(text) + "'");
    }

    /**
     * Why an email address would pass for another one written with other letters, if it would: a part of it (before
     * the {@code @}, or one label of the domain) that mixes letters of alphabets that share shapes (a Cyrillic а among
     * Latin letters: "аdmin" reads "admin"), or a dotless i or dotted capital I (which case-fold to look like i). Han,
     * hiragana and katakana mix with each other and with Latin as a matter of course and are not counted.
     */
    public static Optional<String> emailPassingForAnother(String email) {
        if (email.indexOf('\u0131') >= 0 || email.indexOf('\u0130') >= 0) {
            return Optional.of("it holds a dotless i (ı) or a dotted capital I (İ)");
        }
        for (String part : email.split("[@.]")) {
            Set<Character.UnicodeScript> scripts = new TreeSet<>();
            part.codePoints().filter(Character::isLetter).forEach(c -> {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (!MIXING_FREELY.contains(script)) {
                    scripts.add(script);
                }
            });
            if (scripts.size() > 1) {
                return Optional.of("'" + part + "' mixes letters of several alphabets ("
                        + String.join(
                                " and ",
                                scripts.stream()
                                        .map(script -> script.name().charAt(0)
                                                + script.name().substring(1).toLowerCase(Locale.ROOT))
                                        .toList())
                        + ")");
            }
        }
        return Optional.empty();
    }

    private static final Set<Character.UnicodeScript> MIXING_FREELY = EnumSet.of(
            Character.UnicodeScript.COMMON,
            Character.UnicodeScript.INHERITED,
            Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA,
            Character.UnicodeScript.KATAKANA);

    /** Whether a character is invisible or special: a format or control character, or a space other than the plain one. */
    public static boolean hidden(int c) {
        return (Character.isSpaceChar(c) && c != ' ')
                || Character.getType(c) == Character.FORMAT
                || Character.isISOControl(c);
    }

    private static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }
}
