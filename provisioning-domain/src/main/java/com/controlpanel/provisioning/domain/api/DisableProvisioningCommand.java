package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch user provisioning off: the current token stops working at once. */
public record DisableProvisioningCommand(
        @TargetAggregateIdentifier OrganizationId organizationId) implements OrganizationCommand {}
