package com.controlpanel.provisioning.directory;

import java.util.List;

/** One page of a team list and the number of teams in the whole list. */
public record TeamPage(List<TeamSummary> items, long total, int offset, int limit) {}
