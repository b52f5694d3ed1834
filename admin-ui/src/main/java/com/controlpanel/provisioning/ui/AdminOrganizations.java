package com.controlpanel.provisioning.ui;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.util.List;

/** Which organizations an admin may manage; answered by the application's admin accounts. */
public interface AdminOrganizations {

    /** The organizations granted to this admin (an operator manages all of them, granted or not). */
    List<OrganizationId> organizationsOf(ControlPanelAdmin admin);

    boolean manages(ControlPanelAdmin admin, OrganizationId organizationId);
}
