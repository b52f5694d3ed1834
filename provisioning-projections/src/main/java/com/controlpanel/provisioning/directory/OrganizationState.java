package com.controlpanel.provisioning.directory;

import java.time.Instant;
import java.util.List;

/**
 * An organization as it was at an instant: its settings, members, teams and memberships, folded from the events
 * stored up to then. {@code organization} is null if it did not exist yet; {@code foldedFrom} is the store position of
 * the kept state the fold started from (0: from the first event). {@code throughSeen}: whether the store position the
 * state was asked "right after" is one of the organization's events at the instant (true when none was given).
 */
public record OrganizationState(
        Instant at,
        long eventsApplied,
        long foldedFrom,
        OrganizationRow organization,
        List<MemberState> members,
        List<TeamState> teams,
        boolean throughSeen) {}
