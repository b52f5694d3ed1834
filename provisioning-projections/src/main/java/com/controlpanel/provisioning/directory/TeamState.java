package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import java.util.List;

/** A team as it was at some instant, and its members then. */
public record TeamState(TeamRow team, List<MemberId> memberIds) {}
