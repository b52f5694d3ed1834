package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.directory.MemberPage;
import com.controlpanel.provisioning.directory.TeamPage;
import com.controlpanel.provisioning.rest.members.MemberJson;
import com.controlpanel.provisioning.rest.teams.TeamJson;
import java.util.List;

/** One page of a list: its items, the size of the whole list, and where the page starts. */
public record PageJson<T>(List<T> items, long total, int offset, int limit) {

    public static PageJson<MemberJson> of(MemberPage page) {
        return new PageJson<>(
                page.items().stream().map(MemberJson::of).toList(), page.total(), page.offset(), page.limit());
    }

    public static PageJson<TeamJson> of(TeamPage page) {
        return new PageJson<>(
                page.items().stream().map(TeamJson::of).toList(), page.total(), page.offset(), page.limit());
    }
}
