package com.controlpanel.provisioning.directory;

import java.time.Instant;
import java.util.List;

/**
 * An organization as it was at an instant: its settings, members, teams and memberships, folded from the events
 * stored up to then. {@code organization} is null if it did not exist yet.
 */
public record OrganizationState(
        Instant at,
        long eventsApplied,
        OrganizationRow organization,
        List<MemberState> members,
        List<TeamState> teams) {}
