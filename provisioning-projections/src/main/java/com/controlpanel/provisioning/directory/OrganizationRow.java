package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TenantId;
import java.time.Instant;

/** An organization and the public state of its provisioning integration (never the token or its hash). */
public record OrganizationRow(
        OrganizationId organizationId,
        String name,
        TenantId tenantId,
        boolean provisioningEnabled,
        CredentialId credentialId,
        Instant tokenIssuedAt,
        Instant createdAt,
        long version) {

    OrganizationRow withProvisioning(boolean enabled, long newVersion) {
        return new OrganizationRow(
                organizationId,
                name,
                tenantId,
                enabled,
                enabled ? credentialId : null,
                enabled ? tokenIssuedAt : null,
                createdAt,
                newVersion);
    }

    OrganizationRow withCredential(CredentialId credential, Instant issuedAt, long newVersion) {
        return new OrganizationRow(
                organizationId, name, tenantId, provisioningEnabled, credential, issuedAt, createdAt, newVersion);
    }

    OrganizationRow withName(String newName, long newVersion) {
        return new OrganizationRow(
                organizationId,
                newName,
                tenantId,
                provisioningEnabled,
                credentialId,
                tokenIssuedAt,
                createdAt,
                newVersion);
    }

    OrganizationRow withVersion(long newVersion) {
        return new OrganizationRow(
                organizationId,
                name,
                tenantId,
                provisioningEnabled,
                credentialId,
                tokenIssuedAt,
                createdAt,
                newVersion);
    }
}
