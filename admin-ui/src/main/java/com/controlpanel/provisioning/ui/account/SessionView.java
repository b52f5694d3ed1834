package com.controlpanel.provisioning.ui.account;

import com.controlpanel.provisioning.ui.AdminSessions;
import com.controlpanel.provisioning.ui.layout.Dates;

/** One of the admin's other sessions as their account page lists it: since when, and when last seen (UTC). */
public record SessionView(String openedAt, String openedAtIso, String lastSeenAt, String lastSeenAtIso) {

    static SessionView of(AdminSessions.SignedIn session) {
        return new SessionView(
                Dates.shown(session.openedAt()),
                Dates.iso(session.openedAt()),
                Dates.shown(session.lastSeenAt()),
                Dates.iso(session.lastSeenAt()));
    }
}
