package com.controlpanel.provisioning.ui;

import jakarta.servlet.http.HttpSession;

/**
 * Whether a Control Panel session is still signed in as it was: not signed out, and its admin's password unchanged
 * since (a change elsewhere signs every other session out). Asked by what goes on after its request was checked (the
 * Activity page's live stream); answered by the application's password stamps.
 */
public interface SignedInSessions {

    boolean stillSignedIn(ControlPanelAdmin admin, HttpSession session);
}
