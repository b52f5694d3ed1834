package com.controlpanel.provisioning.ui.layout;

/** Links to the pages of a list that has nothing but pages (a team's members). */
public record PageLinks() {

    public String at(String path, int offset) {
        return new QueryString(path)
                .put("offset", offset > 0 ? Integer.toString(offset) : "")
                .toString();
    }
}
