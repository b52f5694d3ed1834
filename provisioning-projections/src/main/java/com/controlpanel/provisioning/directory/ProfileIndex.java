package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.PersonName;
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
            terms.add(key(text, MAX_TERM_LENGTH));
        }
    }

    private static void addWords(Set<String> terms, String text) {
        if (text == null) {
            return;
        }
        for (String word : splitWords(text)) {
            terms.add(key(word, MAX_TERM_LENGTH));
        }
    }

    /** The words of a search text or a name: runs of letters and digits, lower-cased. */
    static List<String> splitWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(Character.toLowerCase(c));
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    static String key(String value, int maxLength) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.length() > maxLength ? lower.substring(0, maxLength) : lower;
    }
}
