package com.controlpanel.provisioning.ui.layout;

import java.util.LinkedHashMap;
import java.util.Map;

/** What is wrong with a submitted form: a message per field, shown next to it, and one for the whole form. */
public final class FormErrors {

    private final Map<String, String> fields = new LinkedHashMap<>();
    private String form;

    public void field(String name, String message) {
        fields.putIfAbsent(name, message);
    }

    public void form(String message) {
        if (form == null) {
            form = message;
        }
    }

    public boolean any() {
        return form != null || !fields.isEmpty();
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String of(String field) {
        return fields.get(field);
    }

    /** For {@code aria-invalid}: "true" on a field with an error, nothing otherwise. */
    public String invalid(String field) {
        return has(field) ? "true" : null;
    }

    /**
     * For {@code autofocus}: on every field with an error, so that the first of them in the page has the focus as it
     * loads, also in a browser that runs no scripts (the page's script focuses it too).
     */
    public String autofocus(String field) {
        return has(field) ? "autofocus" : null;
    }

    public String form() {
        return form;
    }
}
