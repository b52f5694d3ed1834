package com.controlpanel.provisioning.directory;

/** A team as the Control Panel lists it, with whether it is read-only (pushed while provisioning is on, rule 1). */
public record TeamSummary(TeamRow team, boolean readOnly) {}
