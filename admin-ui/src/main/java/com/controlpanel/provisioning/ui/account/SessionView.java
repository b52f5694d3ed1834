package com.controlpanel.provisioning.ui.account;

import com.controlpanel.provisioning.ui.AdminSessions;
import com.controlpanel.provisioning.ui.layout.Dates;

/**
 * One of the admin's other sessions as their account page lists it: the browser and address it signed in from
 * ("Firefox on Windows, from 203.0.113.7"; empty for a session signed in before they were noted), since when, and
 * when last seen (UTC).
 */
public record SessionView(
        String signedInWith, String openedAt, String openedAtIso, String lastSeenAt, String lastSeenAtIso) {

    static SessionView of(AdminSessions.SignedIn session) {
        String with = session.browser() == null
                ? ""
                : session.address() == null ? session.browser() : session.browser() + ", from " + session.address();
        return new SessionView(
                with,
                Dates.shown(session.openedAt()),
                Dates.iso(session.openedAt()),
                Dates.shown(session.lastSeenAt()),
                Dates.iso(session.lastSeenAt()));
    }
}
