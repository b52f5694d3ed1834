package com.controlpanel.provisioning.ui;

import jakarta.servlet.http.HttpServletRequest;

/** The id the application gave the request being served; recorded with every event it causes. */
public interface RequestIds {

    String idOf(HttpServletRequest request);
}
