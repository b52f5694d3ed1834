package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.ui.layout.QueryString;

/**
 * The Activity filters as they travel in the URL, kept as typed so that a page can show them back: who acted (kind,
 * or one actor by id), the action or category, the member or team (a name, an email or an id), the time range, and
 * the cursor of an older page.
 */
public record ActivityParams(
        String actor, String by, String action, String subject, String from, String to, String before) {

    public ActivityParams {
        actor = clean(actor);
        by = clean(by);
        action = clean(action);
        subject = clean(subject);
        from = clean(from);
        to = clean(to);
        before = clean(before);
    }

    public static ActivityParams none() {
        return new ActivityParams(null, null, null, null, null, null, null);
    }

    public ActivityParams withSubject(String newSubject) {
        return new ActivityParams(actor, by, action, newSubject, from, to, before);
    }

    public ActivityParams withoutCursor() {
        return new ActivityParams(actor, by, action, subject, from, to, null);
    }

    public boolean filtered() {
        return !actor.isEmpty()
                || !by.isEmpty()
                || !action.isEmpty()
                || !subject.isEmpty()
                || !from.isEmpty()
                || !to.isEmpty();
    }

    /** The first (newest) page shows new actions as they happen; older pages stay as they are. */
    public boolean newest() {
        return before.isEmpty();
    }

    /** This timeline at another cursor ("" for the newest page). */
    public String at(String path, String cursor) {
        return filters(new QueryString(path)).put("before", cursor).toString();
    }

    /** This timeline without one of its filters. */
    public String without(String path, String name) {
        return new ActivityParams(
                        "actor".equals(name) ? null : actor,
                        "by".equals(name) ? null : by,
                        "action".equals(name) ? null : action,
                        "subject".equals(name) ? null : subject,
                        "from".equals(name) ? null : from,
                        "to".equals(name) ? null : to,
                        null)
                .at(path, "");
    }

    /** The same filters on another route (exports, new rows), with one more parameter. */
    public String on(String path, String name, String value) {
        return filters(new QueryString(path)).put(name, value).toString();
    }

    private QueryString filters(QueryString url) {
        return url.put("actor", actor)
                .put("by", by)
                .put("action", action)
                .put("subject", subject)
                .put("from", from)
                .put("to", to);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
