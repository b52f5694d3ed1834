package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.TeamId;
import java.util.List;

/** A member as it was at some instant, and the teams it was in then. */
public record MemberState(MemberRow member, List<TeamId> teamIds) {}
