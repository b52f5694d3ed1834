package com.controlpanel.provisioning.ui;

import com.controlpanel.provisioning.domain.api.AdminId;

/** The admin signed in to the Control Panel, as the application's security knows it (its principal). */
public interface ControlPanelAdmin {

    AdminId adminId();

    String email();

    /** An operator manages every organization of the deployment. */
    boolean operator();
}
