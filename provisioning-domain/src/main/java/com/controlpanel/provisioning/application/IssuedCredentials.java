package com.controlpanel.provisioning.application;

import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.SecretToken;

/** A secret token just issued: the only moment it can be shown. */
public record IssuedCredentials(CredentialId credentialId, SecretToken secretToken) {}
