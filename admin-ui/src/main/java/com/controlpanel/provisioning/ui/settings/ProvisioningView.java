package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.ui.layout.Dates;
import java.time.Instant;

/**
 * The User provisioning settings as shown: whether it is on, the Tenant URL, when the current token was issued, and
 * the token itself only on the page that follows its issue ({@code issuedToken}, null afterwards).
 */
public record ProvisioningView(
        boolean enabled,
        String tenantUrl,
        Instant tokenIssuedAt,
        String issuedToken,
        long provisionedMembers,
        long provisionedTeams) {

    public boolean tokenShown() {
        return issuedToken != null;
    }

    public String tokenIssuedAtShown() {
        return Dates.shown(tokenIssuedAt);
    }

    public String tokenIssuedAtIso() {
        return Dates.iso(tokenIssuedAt);
    }
}
