package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;

/** The Control Panel's team list: a text the name contains, an optional source, order and page. */
public record FindTeamsQuery(
        OrganizationId organizationId,
        String text,
        Source source,
        TeamSort sort,
        boolean descending,
        int offset,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public FindTeamsQuery {
        sort = sort == null ? TeamSort.NAME : sort;
        offset = Math.max(0, offset);
        limit = Math.max(0, Math.min(MAX_LIMIT, limit));
    }

    public static FindTeamsQuery all(OrganizationId organizationId, int offset, int limit) {
        return new FindTeamsQuery(organizationId, null, null, TeamSort.NAME, false, offset, limit);
    }
}
