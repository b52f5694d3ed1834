package com.controlpanel.provisioning.ui;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.List;

/**
 * An admin's Control Panel sessions on every node (they are kept in the database): which are signed in besides the
 * one asking, and ending them, as an admin who left themselves signed in on another computer would. Answered by the
 * application's session store.
 */
public interface AdminSessions {

    /**
     * A session of the admin's, as the store knows it.
     *
     * @param browser the browser it was signed in with, in words ("Firefox on Windows"); null for a session signed in
     *     before this was noted
     * @param address the client's address it was signed in from (as the service sees it: behind a proxy, with
     *     {@code SERVER_FORWARD_HEADERS_STRATEGY}); null as above
     * @param openedAt when it signed in (for one signed in before that was noted: when its sign-in page was opened)
     * @param lastSeenAt its last request, to a sixtieth of the session's timeout (the store keeps it no closer)
     */
    record SignedIn(String browser, String address, Instant openedAt, Instant lastSeenAt) {}

    /** The admin's sessions other than {@code current} (null: all of them) still signed in, the latest seen first. */
    List<SignedIn> others(ControlPanelAdmin admin, HttpSession current);

    /**
     * Ends the admin's sessions other than {@code current} (null: all of them), on every node: the next request of each
     * goes to the sign-in. How many were ended.
     */
    int endOthers(ControlPanelAdmin admin, HttpSession current);
}
