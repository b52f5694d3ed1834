package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.directory.OrganizationRow;
import java.util.List;

/**
 * What every Control Panel page shows around its content: who is signed in, the organization being managed, the
 * organizations this admin may switch to (for the operator, the first of them by name: {@code organizationCount} says
 * how many there are), and which section is open.
 */
public record Workspace(
        String adminEmail,
        OrganizationRow organization,
        List<OrganizationRow> organizations,
        long organizationCount,
        String section) {

    public String organizationId() {
        return organization.organizationId().value();
    }

    /** The path of a page of this organization, e.g. {@code path("/members")}. */
    public String path(String rest) {
        return "/orgs/" + organizationId() + rest;
    }

    public boolean switchable() {
        return organizationCount > 1;
    }

    /** Whether the switcher lists only some of the organizations (the rest are under Settings → Organizations). */
    public boolean moreOrganizations() {
        return organizationCount > organizations.size();
    }

    public boolean provisioningOn() {
        return organization.provisioningEnabled();
    }

    /** Where the switcher takes this admin in another organization: the same section. */
    public String pathIn(OrganizationRow other) {
        String target = "settings".equals(section) ? "/settings/provisioning" : "/" + section;
        return "/orgs/" + other.organizationId().value() + target;
    }
}
