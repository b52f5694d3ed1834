package com.controlpanel.provisioning.domain.testing;

import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberRegistry;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.MemberTeams;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.ProvisioningStatus;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRegistry;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.UserName;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The domain's ports, kept in memory and fed with the same events the real lookup tables are fed with, so that a
 * fixture's "given" history and the lookups agree.
 */
public final class InMemoryDirectory implements MemberRegistry, TeamRegistry, ProvisioningStatus, MemberTeams {

    private record Registered<T>(OrganizationId organizationId, T value, String nameKey) {}

    private final Map<MemberId, Registered<RegisteredMember>> members = new HashMap<>();
    private final Map<TeamId, Registered<RegisteredTeam>> teams = new HashMap<>();
    private final Set<OrganizationId> provisioningOn = new HashSet<>();
    private final Map<MemberId, Set<TeamId>> memberships = new HashMap<>();
    /** Members and teams that kept their former key beside another's of the same folded key (schema 19). */
    private final Set<Object> kept = new HashSet<>();

    /**
     * Marks a member or team, recorded already, as one stored before keys were case-folded that kept its former key
     * beside another's: the lookups find it by the shared key after the other, as the real ones do.
     */
    public void keptBeside(Object memberOrTeamId) {
        kept.add(memberOrTeamId);
    }

    /** Records what these events tell; events of other kinds are ignored. Returns them for {@code given(..)}. */
    public Object[] record(Object... events) {
        for (Object event : events) {
            if (event instanceof MemberProvisioned e) {
                registerMember(
                        e.organizationId(),
                        e.memberId(),
                        e.source(),
                        e.profile().userName().key());
            } else if (event instanceof MemberProfileChanged e) {
                var old = members.get(e.memberId());
                if (!e.profile()
                        .userName()
                        .value()
                        .equals(e.previous().userName().value())) {
                    kept.remove(e.memberId()); // its key written folded again
                }
                registerMember(
                        old.organizationId(),
                        e.memberId(),
                        old.value().source(),
                        e.profile().userName().key());
            } else if (event instanceof MemberTakenOver e) {
                var old = members.get(e.memberId());
                registerMember(old.organizationId(), e.memberId(), Source.OKTA, old.nameKey());
            } else if (event instanceof MemberDeprovisioned e) {
                members.remove(e.memberId());
            } else if (event instanceof MemberRemoved e) {
                members.remove(e.memberId());
            } else if (event instanceof TeamProvisioned e) {
                teams.put(
                        e.teamId(),
                        new Registered<>(
                                e.organizationId(),
                                new RegisteredTeam(e.teamId(), e.source()),
                                e.displayName().key()));
            } else if (event instanceof TeamRenamed e) {
                var old = teams.get(e.teamId());
                kept.remove(e.teamId());
                teams.put(
                        e.teamId(),
                        new Registered<>(
                                old.organizationId(),
                                old.value(),
                                e.displayName().key()));
            } else if (event instanceof TeamTakenOver e) {
                var old = teams.get(e.teamId());
                teams.put(
                        e.teamId(),
                        new Registered<>(
                                old.organizationId(), new RegisteredTeam(e.teamId(), Source.OKTA), old.nameKey()));
            } else if (event instanceof MemberAddedToTeam e) {
                memberships
                        .computeIfAbsent(e.memberId(), member -> new java.util.LinkedHashSet<>())
                        .add(e.teamId());
            } else if (event instanceof MemberRemovedFromTeam e) {
                memberships.getOrDefault(e.memberId(), new HashSet<>()).remove(e.teamId());
            } else if (event instanceof TeamDeleted e) {
                teams.remove(e.teamId());
                memberships.values().forEach(joined -> joined.remove(e.teamId()));
            } else if (event instanceof ProvisioningEnabled e) {
                provisioningOn.add(e.organizationId());
            } else if (event instanceof ProvisioningDisabled e) {
                provisioningOn.remove(e.organizationId());
            }
        }
        return events;
    }

    private void registerMember(OrganizationId organizationId, MemberId memberId, Source source, String userNameKey) {
        members.put(
                memberId,
                new Registered<>(organizationId, new RegisteredMember(memberId, source, userNameKey), userNameKey));
    }

    @Override
    public List<TeamId> teamsOf(OrganizationId organizationId, MemberId memberId) {
        Registered<RegisteredMember> member = members.get(memberId);
        if (member == null || !member.organizationId().equals(organizationId)) {
            return List.of();
        }
        return List.copyOf(memberships.getOrDefault(memberId, Set.of()));
    }

    @Override
    public boolean isProvisioningEnabled(OrganizationId organizationId) {
        return provisioningOn.contains(organizationId);
    }

    @Override
    public Optional<RegisteredMember> find(OrganizationId organizationId, MemberId memberId) {
        return Optional.ofNullable(members.get(memberId))
                .filter(r -> r.organizationId().equals(organizationId))
                .map(Registered::value);
    }

    @Override
    public Map<MemberId, RegisteredMember> findAll(OrganizationId organizationId, Collection<MemberId> memberIds) {
        Map<MemberId, RegisteredMember> found = new LinkedHashMap<>();
        for (MemberId id : memberIds) {
            find(organizationId, id).ifPresent(member -> found.put(id, member));
        }
        return found;
    }

    @Override
    public Optional<MemberId> findByUserName(OrganizationId organizationId, UserName userName) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().organizationId().equals(organizationId))
                .filter(e -> e.getValue().nameKey().equals(userName.key()))
                .map(Map.Entry::getKey)
                .min(java.util.Comparator.comparing(kept::contains));
    }

    @Override
    public Optional<RegisteredTeam> find(OrganizationId organizationId, TeamId teamId) {
        return Optional.ofNullable(teams.get(teamId))
                .filter(r -> r.organizationId().equals(organizationId))
                .map(Registered::value);
    }

    @Override
    public Optional<TeamId> findByName(OrganizationId organizationId, TeamName name) {
        return teams.entrySet().stream()
                .filter(e -> e.getValue().organizationId().equals(organizationId))
                .filter(e -> e.getValue().nameKey().equals(name.key()))
                .map(Map.Entry::getKey)
                .min(java.util.Comparator.comparing(kept::contains));
    }
}
