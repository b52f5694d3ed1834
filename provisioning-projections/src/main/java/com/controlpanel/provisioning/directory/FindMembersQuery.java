package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;

/**
 * The Control Panel's member list: words matched by prefix against names and emails, optional filters (null = any),
 * order and page. Answered with a {@code Page<MemberSummary>}.
 */
public record FindMembersQuery(
        OrganizationId organizationId,
        String text,
        Source source,
        MemberStatus status,
        TeamId teamId,
        MemberSort sort,
        boolean descending,
        int offset,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public FindMembersQuery {
        sort = sort == null ? MemberSort.NAME : sort;
        offset = Math.max(0, offset);
        limit = Math.max(0, Math.min(MAX_LIMIT, limit));
    }

    public static FindMembersQuery all(OrganizationId organizationId, int offset, int limit) {
        return new FindMembersQuery(organizationId, null, null, null, null, MemberSort.NAME, false, offset, limit);
    }
}
