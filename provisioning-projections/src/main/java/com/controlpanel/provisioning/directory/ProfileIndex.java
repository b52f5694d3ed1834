package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.PersonName;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What of a member's profile is indexed for search. {@link #attributes} flattens every attribute that has no column
 * of its own into (path, ordinal, value) rows: a path is the lower-cased SCIM attribute path ({@code emails.value},
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:department}), the ordinal tells the elements of a
 * multi-valued attribute apart, and the value is lower-cased for case-insensitive comparison. {@link #terms} are the
 * words the Control Panel's member search matches by prefix.
 */
final class ProfileIndex {

    static final int MAX_VALUE_LENGTH = 512;
    static final int MAX_TERM_LENGTH = 128;
    /** The length of the keys lists sorted by name are read in the order of ({@code label_key}, {@code name_order}). */
    static final int ORDER_KEY_LENGTH = 256;

    /** Letters that Unicode does not decompose, as they are spelt without them. */
    private static final Map<Integer, String> SPELT = Map.ofEntries(
            Map.entry((int) 'ø', "o"),
            Map.entry((int) 'ł', "l"),
            Map.entry((int) 'đ', "d"),
            Map.entry((int) 'ð', "d"),
            Map.entry((int) 'ħ', "h"),
            Map.entry((int) 'ı', "i"),
            Map.entry((int) 'ŀ', "l"),
            Map.entry((int) 'ŧ', "t"),
            Map.entry((int) 'ß', "ss"),
            Map.entry((int) 'æ', "ae"),
            Map.entry((int) 'œ', "oe"),
            Map.entry((int) 'þ', "th"));

    /** One indexed value of one attribute. */
    record Attribute(String path, int ordinal, String value) {}

    private ProfileIndex() {}

    static List<Attribute> attributes(MemberProfile profile) {
        List<Attribute> rows = new ArrayList<>();
        PersonName name = profile.name();
        add(rows, "name.formatted", 0, name.formatted());
        add(rows, "name.middlename", 0, name.middleName());
        add(rows, "name.honorificprefix", 0, name.honorificPrefix());
        add(rows, "name.honorificsuffix", 0, name.honorificSuffix());
        List<EmailAddress> emails = profile.emails();
        for (int i = 0; i < emails.size(); i++) {
            EmailAddress email = emails.get(i);
            add(rows, "emails.value", i, email.value());
            add(rows, "emails.type", i, email.type());
            add(rows, "emails.primary", i, Boolean.toString(email.primary()));
            add(rows, "emails.display", i, email.display());
        }
        for (Map.Entry<String, Object> entry : profile.attributes().entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            flatten(rows, key, 0, entry.getValue(), key.startsWith("urn:"));
        }
        return rows;
    }

    private static void flatten(List<Attribute> rows, String path, int ordinal, Object value, boolean extension) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey()).toLowerCase(Locale.ROOT);
                String child = extension ? path + ":" + key : path + "." + key;
                flatten(rows, child, ordinal, entry.getValue(), false);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(rows, path, i, list.get(i), extension);
            }
        } else if (value != null) {
            add(rows, path, ordinal, String.valueOf(value));
        }
    }

    private static void add(List<Attribute> rows, String path, int ordinal, String value) {
        if (value != null && path.length() <= 256) {
            rows.add(new Attribute(path, ordinal, key(value, MAX_VALUE_LENGTH)));
        }
    }

    static Set<String> terms(MemberProfile profile) {
        Set<String> terms = new LinkedHashSet<>();
        addWords(terms, profile.label());
        addWords(terms, profile.displayName());
        addWords(terms, profile.name().givenName());
        addWords(terms, profile.name().familyName());
        addWords(terms, profile.name().formatted());
        addWhole(terms, profile.userName().value());
        addWords(terms, profile.userName().value());
        addWhole(terms, profile.email());
        addWords(terms, profile.email());
        return terms;
    }

    private static void addWhole(Set<String> terms, String text) {
        if (text != null && !text.isBlank()) {
            terms.add(termKey(text));
        }
    }

    private static void addWords(Set<String> terms, String text) {
        if (text == null) {
            return;
        }
        for (String word : splitWords(text)) {
            terms.add(termKey(word));
        }
    }

    /**
     * A search term as it is stored and as a searched word is looked up: lower-cased and without accents, so that
     * "jose" finds José and "josé" finds Jose, "lodz" Łódź and "strasse" Straße. Letters that Unicode does not
     * decompose into a base letter and a mark (ø, ł, đ, ß, æ, œ, þ…) are spelt as people type them on a keyboard
     * without them.
     */
    static String termKey(String value) {
        String folded = folded(value);
        return folded.length() > MAX_TERM_LENGTH ? folded.substring(0, MAX_TERM_LENGTH) : folded;
    }

    private static final char FINAL_SIGMA = 'ς';
    private static final char SIGMA = 'σ';

    /**
     * A text lower-cased and without accents, as {@link #termKey} reads a term, whatever its length; Greek's final
     * sigma as the other (what is typed in capitals lower-cases to the final one at the end of a word typed so far).
     */
    static String folded(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String folded = lower;
        if (!isAscii(lower)) {
            StringBuilder plain = new StringBuilder(lower.length());
            Normalizer.normalize(lower, Normalizer.Form.NFKD).codePoints().forEach(c -> {
                int type = Character.getType(c);
                if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                    return;
                }
                String spelt = SPELT.get(c);
                if (spelt != null) {
                    plain.append(spelt);
                } else {
                    plain.appendCodePoint(c);
                }
            });
            // Greek's final sigma read as the other: "ΟΔΥΣ" lower-cases to "οδυς" (a capital sigma at a word's end
            // is written final), which must still start "οδυσσέας"
            folded = Normalizer.normalize(plain, Normalizer.Form.NFC)
                    .toLowerCase(Locale.ROOT)
                    .replace(FINAL_SIGMA, SIGMA);
        }
        return folded;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words of a search text or a name: runs of letters and digits, with the marks that combine with them (an
     * accent typed apart from its letter, a vowel sign of Devanagari), lower-cased.
     */
    static List<String> splitWords(String text) {
        return isAscii(text) ? asciiWords(text) : wordsByCodePoint(text);
    }

    /** {@link #splitWords} of a text all ASCII: lower-cased once, each run of letters and digits cut out of it. */
    private static List<String> asciiWords(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean inWord = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            words.add(lower.substring(start));
        }
        return words;
    }

    static List<String> wordsByCodePoint(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c) || (word.length() > 0 && isMark(c))) {
                word.appendCodePoint(Character.toLowerCase(c));
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Where a name goes in a list sorted by name: lower-cased and without accents, as {@link #folded} reads it, so
     * that Émile comes among the E and Łukasz among the L, not after Z; its numbers in the order of their values, so
     * that "Team 2" comes before "Team 10" ({@link #numbered}); at most 256 characters. Names equal but for their
     * case, accents and a number's leading zeros keep the order of their ids.
     */
    static String orderKey(String name) {
        String folded = numbered(folded(name));
        if (folded.length() <= ORDER_KEY_LENGTH) {
            return folded;
        }
        // never half of a character beyond the Basic Multilingual Plane: a lone surrogate is no text to sort by
        int end = Character.isHighSurrogate(folded.charAt(ORDER_KEY_LENGTH - 1))
                ? ORDER_KEY_LENGTH - 1
                : ORDER_KEY_LENGTH;
        return folded.substring(0, end);
    }

    /**
     * The text with each run of digits written so that comparing the text character by character orders the runs by
     * their values: its leading zeros dropped, then preceded by its length in two digits ("2" → "012", "10" →
     * "0210"). The length comes first, so a longer number sorts after a shorter one; it is itself made of digits, so
     * a number still sorts where its first digit did among letters, spaces and punctuation. A run of more than 99
     * digits is counted as 99 long (such runs compare as text among themselves). Only ASCII digits count: {@link
     * #folded} has made fullwidth and superscript digits such.
     */
    static String numbered(String text) {
        int first = firstDigit(text, 0);
        if (first < 0) {
            return text;
        }
        StringBuilder key = new StringBuilder(text.length() + 8);
        int from = 0;
        for (int start = first; start >= 0; start = firstDigit(text, from)) {
            int end = start;
            while (end < text.length() && isDigit(text.charAt(end))) {
                end++;
            }
            int significant = start;
            while (significant < end - 1 && text.charAt(significant) == '0') {
                significant++;
            }
            int length = Math.min(end - significant, 99);
            key.append(text, from, start).append((char) ('0' + length / 10)).append((char) ('0' + length % 10));
            key.append(text, significant, end);
            from = end;
        }
        return key.append(text, from, text.length()).toString();
    }

    private static int firstDigit(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether a name's order key differs from the name folded: it holds a number ({@link #numbered}). */
    static boolean hasNumber(String name) {
        return firstDigit(folded(name), 0) >= 0;
    }

    static String key(String value, int maxLength) {
        String lower = CaseInsensitive.key(value);
        return lower.length() > maxLength ? lower.substring(0, maxLength) : lower;
    }
}
