package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.FindActivityQuery;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import java.util.List;

/**
 * The Activity filters read: the query to run (null when a filter is wrong), what is wrong with each field, how the
 * actor and the member or team filtered by are named, the members and teams a name could mean, and what the member or
 * team field shows: the text typed, or the name of the one picked ({@code subjectPicked} its id, else empty).
 */
public record ActivityFilter(
        FindActivityQuery query,
        FormErrors errors,
        String actorLabel,
        String subjectLabel,
        List<SubjectChoice> subjectChoices,
        String subjectText,
        String subjectPicked) {

    /** A member or team a typed name could mean, picked to filter by it: its name, kind, link and Okta badge. */
    public record SubjectChoice(String label, String kind, String link, boolean okta) {}

    public boolean valid() {
        return query != null;
    }
}
