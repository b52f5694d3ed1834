package com.controlpanel.provisioning.registry;

import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.SecretTokenHash;
import com.controlpanel.provisioning.domain.api.TenantId;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which organization a SCIM tenant id belongs to, and whether a presented token is its current one. */
@Component
public class TenantCredentials {

    /** The organization a verified token opens, and which credential it was. */
    public record TenantAccess(OrganizationId organizationId, CredentialId credentialId) {}

    private record Stored(OrganizationId organizationId, boolean enabled, String credentialId, String tokenHash) {}

    private final JdbcTemplate jdbc;

    public TenantCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The access this token gives to this tenant: none if the tenant is unknown, provisioning is off, or the token is
     * not the tenant's current one (compared in constant time against the stored hash). A tenant id is a UUID, which
     * is the same whatever the case of its letters (RFC 4122 §3): one typed in capitals finds its tenant.
     */
    public Optional<TenantAccess> verify(String tenantId, String presentedToken) {
        if (presentedToken == null || tenantId == null || tenantId.length() > 64) {
            return Optional.empty();
        }
        Optional<Stored> stored = jdbc
                .query(
                        "SELECT organization_id, provisioning_enabled, credential_id, token_hash FROM cs_organization "
                                + "WHERE tenant_id = ?",
                        (rs, n) -> new Stored(
                                new OrganizationId(rs.getString(1)),
                                rs.getBoolean(2),
                                rs.getString(3),
                                rs.getString(4)),
                        tenantId.toLowerCase(Locale.ROOT))
                .stream()
                .findFirst();
        if (stored.isEmpty() || !stored.get().enabled() || stored.get().tokenHash() == null) {
            // Still hash the token, so an unknown tenant takes as long to refuse as a wrong token.
            SecretTokenHash.of(presentedToken);
            return Optional.empty();
        }
        if (!new SecretTokenHash(stored.get().tokenHash()).matches(presentedToken)) {
            return Optional.empty();
        }
        return Optional.of(new TenantAccess(
                stored.get().organizationId(), new CredentialId(stored.get().credentialId())));
    }

    public Optional<TenantId> tenantOf(OrganizationId organizationId) {
        return jdbc
                .query(
                        "SELECT tenant_id FROM cs_organization WHERE organization_id = ?",
                        (rs, n) -> new TenantId(rs.getString(1)),
                        organizationId.value())
                .stream()
                .findFirst();
    }
}
