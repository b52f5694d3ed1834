package com.controlpanel.provisioning.directory;

import java.util.List;

/**
 * A member as the Control Panel lists it: the row, its teams, and whether it is read-only (provisioned while
 * provisioning is on, rule 1).
 */
public record MemberSummary(MemberRow member, List<TeamRef> teams, boolean readOnly) {}
