package com.controlpanel.provisioning.ui.layout;

/** A list searched by one text and shown page by page: whether it is searched, and the links to its pages. */
public record SearchLinks(String q) {

    public SearchLinks {
        q = q == null ? "" : q.strip();
    }

    public boolean filtered() {
        return !q.isEmpty();
    }

    public String at(String path, int offset) {
        return new QueryString(path)
                .put("q", q)
                .put("offset", offset > 0 ? Integer.toString(offset) : "")
                .toString();
    }
}
