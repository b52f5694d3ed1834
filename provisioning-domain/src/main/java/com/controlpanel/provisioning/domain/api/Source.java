package com.controlpanel.provisioning.domain.api;

/** Where a member or team came from: pushed by the identity provider, or made by an admin. Never changes. */
public enum Source {
    /** Provisioned over SCIM (Okta, Entra ID, ...); shown with the Okta badge. */
    OKTA,
    /** Invited or created by an admin in the Control Panel. */
    MANUAL
}
