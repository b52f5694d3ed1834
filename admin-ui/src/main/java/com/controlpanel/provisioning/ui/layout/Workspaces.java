package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.ui.AdminOrganizations;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import java.util.List;
import org.springframework.stereotype.Component;

/** Opens an organization for a signed-in admin: only one it manages; any other is, for this admin, not there. */
@Component
public class Workspaces {

    private final AdminOrganizations access;
    private final DirectoryQueries directory;

    public Workspaces(AdminOrganizations access, DirectoryQueries directory) {
        this.access = access;
        this.directory = directory;
    }

    public Workspace open(ControlPanelAdmin admin, String organizationId, String section) {
        OrganizationId id;
        try {
            id = new OrganizationId(organizationId);
        } catch (InvalidValueException e) {
            throw new PageNotFound("There is no such organization");
        }
        if (admin == null || !access.manages(admin, id)) {
            throw new PageNotFound("There is no such organization, or you do not manage it");
        }
        OrganizationRow organization =
                directory.organization(id).orElseThrow(() -> new PageNotFound("There is no such organization"));
        return new Workspace(admin.email(), organization, organizationsOf(admin), section);
    }

    /**
     * Opens the organization for what only the operator may do: anyone else is refused with the reason (the 403 page),
     * also when the request is forced.
     */
    public Workspace openForOperator(ControlPanelAdmin admin, String organizationId, String section, String refusal) {
        Workspace workspace = open(admin, organizationId, section);
        if (!admin.operator()) {
            throw new NotAllowed(refusal);
        }
        return workspace;
    }

    /** The organizations this admin manages, by name. */
    public List<OrganizationRow> organizationsOf(ControlPanelAdmin admin) {
        return directory.organizations(admin.operator() ? null : access.organizationsOf(admin));
    }
}
