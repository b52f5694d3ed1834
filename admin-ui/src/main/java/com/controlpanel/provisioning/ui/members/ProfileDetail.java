package com.controlpanel.provisioning.ui.members;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One attribute the identity provider sent with a member beyond those the Control Panel edits (a title, phone numbers,
 * the enterprise extension's department or manager…), as the member's page lists it: a label in words, the
 * attribute's SCIM name, and its value in words.
 */
public record ProfileDetail(String label, String name, String value) {

    /** The parts of a SCIM address (RFC 7643, 4.1.2), in the order one writes them. */
    private static final List<String> ADDRESS_PARTS =
            List.of("streetAddress", "locality", "region", "postalCode", "country");

    /** SCIM names whose words alone do not read well. */
    private static final Map<String, String> LABELS = Map.of(
            "profileUrl", "Profile URL",
            "nickName", "Nickname",
            "timezone", "Time zone",
            "ims", "Instant messaging",
            "x509Certificates", "X.509 certificates");

    /**
     * The details of a member's other attributes, in the order they were sent: an extension's attributes (an object
     * under its schema URN) each on its own, labelled by its own name; attributes without a value left out.
     */
    public static List<ProfileDetail> of(Map<String, Object> attributes) {
        List<ProfileDetail> details = new ArrayList<>();
        attributes.forEach((name, value) -> {
            if (name.startsWith("urn:") && value instanceof Map<?, ?> extension) {
                extension.forEach((own, inner) -> add(details, String.valueOf(own), name + ":" + own, inner));
            } else {
                add(details, name, name, value);
            }
        });
        return details;
    }

    private static void add(List<ProfileDetail> details, String ownName, String name, Object value) {
        String text = words(value);
        if (!text.isEmpty()) {
            details.add(new ProfileDetail(label(ownName), name, text));
        }
    }

    /** {@code employeeNumber} as "Employee number". */
    static String label(String name) {
        String known = LABELS.get(name);
        if (known != null) {
            return known;
        }
        StringBuilder label = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                label.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c) && !Character.isUpperCase(name.charAt(i - 1))) {
                label.append(' ').append(Character.toLowerCase(c));
            } else {
                label.append(c);
            }
        }
        return label.toString();
    }

    /**
     * A value in words: a list as its items apart by "; ", a complex value by its display name or value with its type
     * and whether it is the primary one ("+1 555 0100 (work, primary)"), an address by its formatted text or else its
     * parts.
     */
    static String words(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> items) {
            // apart by "; ", as Activity's details write lists: the commas within an item (an address, its marks) are
            // not read as the list's
            return items.stream()
                    .map(ProfileDetail::words)
                    .filter(item -> !item.isEmpty())
                    .collect(Collectors.joining("; "));
        }
        if (value instanceof Map<?, ?> complex) {
            return complex(complex);
        }
        return String.valueOf(value).strip();
    }

    private static String complex(Map<?, ?> complex) {
        String display = words(complex.get("displayName"));
        String value = words(complex.get("value"));
        String main = !display.isEmpty() && !value.isEmpty() && !display.equals(value)
                ? display + " (" + value + ")"
                : !display.isEmpty() ? display : !value.isEmpty() ? value : words(complex.get("formatted"));
        if (main.isEmpty()) {
            // an address given in parts, in the order one writes them
            main = ADDRESS_PARTS.stream()
                    .map(part -> words(complex.get(part)))
                    .filter(part -> !part.isEmpty())
                    .collect(Collectors.joining(", "));
        }
        if (main.isEmpty()) {
            // a complex value of other sub-attributes: each as "name: value"
            return complex.entrySet().stream()
                    .filter(entry -> !"primary".equals(entry.getKey()) && !"type".equals(entry.getKey()))
                    .map(entry -> Objects.toString(entry.getKey()) + ": " + words(entry.getValue()))
                    .filter(part -> !part.endsWith(": "))
                    .collect(Collectors.joining(", "));
        }
        List<String> marks = new ArrayList<>();
        String type = words(complex.get("type"));
        if (!type.isEmpty()) {
            marks.add(type.toLowerCase(Locale.ROOT));
        }
        if (Boolean.TRUE.equals(complex.get("primary"))
                || "true".equalsIgnoreCase(String.valueOf(complex.get("primary")))) {
            marks.add("primary");
        }
        return marks.isEmpty() ? main : main + " (" + String.join(", ", marks) + ")";
    }
}
