package com.controlpanel.provisioning.ui.layout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A link with query parameters, each value encoded; empty values are left out. */
public final class QueryString {

    private final StringBuilder url;
    private boolean first = true;

    public QueryString(String path) {
        this.url = new StringBuilder(path);
    }

    public QueryString put(String name, String value) {
        if (value != null && !value.isEmpty()) {
            url.append(first ? '?' : '&')
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            first = false;
        }
        return this;
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
