package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.security.AdminAccounts;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.security.PasswordStamps;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/** Resolves the organization of a request: it must exist and be one this admin manages; otherwise it is not found. */
@Component
public class OrganizationAccess {

    private final AdminAccounts accounts;
    private final DirectoryQueries directory;
    private final PasswordStamps passwords;

    public OrganizationAccess(AdminAccounts accounts, DirectoryQueries directory, PasswordStamps passwords) {
        this.accounts = accounts;
        this.directory = directory;
        this.passwords = passwords;
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

    /**
     * For an answer that goes on after the request was checked (a live stream): whether the admin may still read the
     * organization, as a request made now would be let in. False once the admin's password changed (the request was
     * let in with the old one), the account is gone, or the admin no longer manages the organization.
     */
    public BooleanSupplier stillAllowed(AdminUser admin, OrganizationId organizationId) {
        Optional<String> signedInWith = passwords.current(admin.adminId());
        return () -> signedInWith.isPresent()
                && passwords.current(admin.adminId()).equals(signedInWith)
                && accounts.manages(admin, organizationId);
    }
}
