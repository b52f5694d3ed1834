package com.controlpanel.provisioning.directory;

import java.util.List;

/** One page of a member list and the number of members in the whole list. */
public record MemberPage(List<MemberSummary> items, long total, int offset, int limit) {}
