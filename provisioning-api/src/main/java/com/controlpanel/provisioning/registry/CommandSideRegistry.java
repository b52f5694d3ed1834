package com.controlpanel.provisioning.registry;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberRegistry;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ProvisioningStatus;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamRegistry;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.storage.CaseKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The domain's lookups, answered from the command-side tables in the command's own transaction (see
 * {@link CommandSideProjection}, which keeps them).
 */
@Component
public class CommandSideRegistry implements MemberRegistry, TeamRegistry, ProvisioningStatus {

    private static final int IN_LIST_CHUNK = 500;
    private static final String MEMBER_HOLDING =
            "SELECT member_id FROM cs_member WHERE organization_id = ? AND user_name_key = ?";
    private static final String KEPT_MEMBERS = CaseKeys.keptHolders(CaseKeys.MEMBER, "x.member_id");
    private static final String TEAM_HOLDING = "SELECT team_id FROM cs_team WHERE organization_id = ? AND name_key = ?";
    private static final String KEPT_TEAMS = CaseKeys.keptHolders(CaseKeys.TEAM, "x.team_id");

    private final JdbcTemplate jdbc;

    public CommandSideRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isProvisioningEnabled(OrganizationId organizationId) {
        List<Boolean> enabled = jdbc.query(
                "SELECT provisioning_enabled FROM cs_organization WHERE organization_id = ?",
                (rs, n) -> rs.getBoolean(1),
                organizationId.value());
        return !enabled.isEmpty() && enabled.get(0);
    }

    @Override
    public Optional<RegisteredMember> find(OrganizationId organizationId, MemberId memberId) {
        return jdbc
                .query(
                        "SELECT source, user_name_key FROM cs_member WHERE member_id = ? AND organization_id = ?",
                        (rs, n) -> new RegisteredMember(memberId, Source.valueOf(rs.getString(1)), rs.getString(2)),
                        memberId.value(),
                        organizationId.value())
                .stream()
                .findFirst();
    }

    @Override
    public Map<MemberId, RegisteredMember> findAll(OrganizationId organizationId, Collection<MemberId> memberIds) {
        Map<MemberId, RegisteredMember> found = new LinkedHashMap<>();
        List<MemberId> ids = new ArrayList<>(memberIds);
        for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
            List<MemberId> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK));
            List<Object> args = new ArrayList<>();
            args.add(organizationId.value());
            chunk.forEach(id -> args.add(id.value()));
            jdbc.query(
                    "SELECT member_id, source, user_name_key FROM cs_member WHERE organization_id = ? AND member_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> {
                        MemberId id = new MemberId(rs.getString(1));
                        found.put(id, new RegisteredMember(id, Source.valueOf(rs.getString(2)), rs.getString(3)));
                    },
                    args.toArray());
        }
        return found;
    }

    /**
     * The member holding this userName's key, or else one that schema 20 recorded as holding it beside another (two
     * stored before keys were case-folded, see {@code CaseKeys}) while it still does.
     */
    @Override
    public Optional<MemberId> findByUserName(OrganizationId organizationId, UserName userName) {
        return holder(MEMBER_HOLDING, KEPT_MEMBERS, organizationId, userName.key(), MemberId::new);
    }

    @Override
    public Optional<RegisteredTeam> find(OrganizationId organizationId, TeamId teamId) {
        return jdbc
                .query(
                        "SELECT source FROM cs_team WHERE team_id = ? AND organization_id = ?",
                        (rs, n) -> new RegisteredTeam(teamId, Source.valueOf(rs.getString(1))),
                        teamId.value(),
                        organizationId.value())
                .stream()
                .findFirst();
    }

    /** The team holding this name's key, or else one recorded as holding it beside another (as for userNames). */
    @Override
    public Optional<TeamId> findByName(OrganizationId organizationId, TeamName name) {
        return holder(TEAM_HOLDING, KEPT_TEAMS, organizationId, name.key(), TeamId::new);
    }

    /** The id the key's own query finds, else one its kept holders' query finds (only asked when the first finds none). */
    private <T> Optional<T> holder(
            String holding, String kept, OrganizationId organizationId, String key, Function<String, T> id) {
        RowMapper<T> mapper = (rs, n) -> id.apply(rs.getString(1));
        List<T> found = jdbc.query(holding, mapper, organizationId.value(), key);
        if (found.isEmpty()) {
            found = jdbc.query(kept, mapper, organizationId.value(), key);
        }
        return found.stream().findFirst();
    }
}
