package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationPage;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.ui.AdminOrganizations;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Opens an organization for a signed-in admin: only one it manages; any other is, for this admin, not there. */
@Component
public class Workspaces {

    /** How many organizations the operator's switcher lists; a deployment may have thousands. */
    static final int SWITCHER_MAX = 20;

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
        if (admin.operator()) {
            OrganizationPage first = directory.organizations(null, 0, SWITCHER_MAX);
            List<OrganizationRow> listed = new ArrayList<>(first.items());
            if (listed.stream().noneMatch(row -> row.organizationId().equals(id))) {
                listed.add(organization); // the one open is always there, marked
            }
            return new Workspace(admin.email(), organization, listed, first.total(), section);
        }
        List<OrganizationRow> managed = organizationsOf(admin);
        return new Workspace(admin.email(), organization, managed, managed.size(), section);
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

    /** The first organization by name this admin manages, where the Control Panel opens; none for an admin of none. */
    public Optional<OrganizationRow> firstOf(ControlPanelAdmin admin) {
        List<OrganizationRow> first =
                admin.operator() ? directory.organizations(null, 0, 1).items() : organizationsOf(admin);
        return first.stream().findFirst();
    }
}
