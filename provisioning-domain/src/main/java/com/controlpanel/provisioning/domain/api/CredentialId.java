package com.controlpanel.provisioning.domain.api;

import java.util.UUID;

/** Identifies one issued SCIM secret token, so the audit trail can tell credentials apart without the token. */
public record CredentialId(String value) implements SingleValue {

    public CredentialId {
        value = Ids.requireValid(value, "credentialId");
    }

    public static CredentialId random() {
        return new CredentialId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
