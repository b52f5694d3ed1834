package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A SCIM request whose bearer token is the current token of its tenant: it acts for that organization only. */
public class ScimClient extends AbstractAuthenticationToken {

    private final String tenantId;
    private final OrganizationId organizationId;
    private final CredentialId credentialId;

    public ScimClient(String tenantId, OrganizationId organizationId, CredentialId credentialId) {
        super(List.of(new SimpleGrantedAuthority("ROLE_SCIM")));
        this.tenantId = tenantId;
        this.organizationId = organizationId;
        this.credentialId = credentialId;
        setAuthenticated(true);
    }

    public String tenantId() {
        return tenantId;
    }

    public OrganizationId organizationId() {
        return organizationId;
    }

    public Actor actor() {
        return Actor.identityProvider(credentialId);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return tenantId;
    }
}
