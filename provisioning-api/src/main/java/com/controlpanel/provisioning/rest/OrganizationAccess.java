package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.security.AdminAccounts;
import com.controlpanel.provisioning.security.AdminUser;
import org.springframework.stereotype.Component;

/** Resolves the organization of a request: it must exist and be one this admin manages; otherwise it is not found. */
@Component
public class OrganizationAccess {

    private final AdminAccounts accounts;
    private final DirectoryQueries directory;

    public OrganizationAccess(AdminAccounts accounts, DirectoryQueries directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    public OrganizationRow require(AdminUser admin, String organizationId) {
        OrganizationId id;
        try {
            id = new OrganizationId(organizationId);
        } catch (InvalidValueException e) {
            throw NotFoundException.organization(new OrganizationId("unknown"));
        }
        if (!accounts.manages(admin, id)) {
            throw NotFoundException.organization(id);
        }
        return directory.organization(id).orElseThrow(() -> NotFoundException.organization(id));
    }
}
