package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of an organization as of any past instant, computed from the event store with the same
 * {@link DirectoryEvolver} the live projection uses, in memory: never from the current read models.
 */
public class DirectoryAsOf {

    /** A state well in the past no longer changes: the few last asked for are kept, for paging through them. */
    private static final Duration SETTLED = Duration.ofSeconds(10);

    private static final int KEPT = 3;

    private record Key(OrganizationId organizationId, Instant at) {}

    private final EventStoreReader reader;
    private final Map<Key, OrganizationState> recent = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, OrganizationState> eldest) {
            return size() > KEPT;
        }
    };

    public DirectoryAsOf(EventStoreReader reader) {
        this.reader = reader;
    }

    public OrganizationState at(OrganizationId organizationId, Instant at) {
        boolean settled = at.isBefore(Instant.now().minus(SETTLED));
        Key key = new Key(organizationId, at);
        if (settled) {
            synchronized (recent) {
                OrganizationState kept = recent.get(key);
                if (kept != null) {
                    return kept;
                }
            }
        }
        OrganizationState state = fold(organizationId, at);
        if (settled) {
            synchronized (recent) {
                recent.put(key, state);
            }
        }
        return state;
    }

    private OrganizationState fold(OrganizationId organizationId, Instant at) {
        InMemoryDirectoryStore store = new InMemoryDirectoryStore();
        long[] applied = {0};
        reader.organizationUpTo(organizationId, at, event -> {
            if (event.isOrganizationEvent()) {
                DirectoryEvolver.apply(
                        event.event(),
                        new EventContext(event.timestamp(), event.message().getSequenceNumber()),
                        store);
                applied[0]++;
            }
        });
        List<MemberState> members = new ArrayList<>();
        for (MemberRow member : store.members()) {
            List<TeamId> teams = new ArrayList<>(store.teamsOf(member.memberId()));
            teams.sort(Comparator.comparing(TeamId::value));
            members.add(new MemberState(member, List.copyOf(teams)));
        }
        members.sort(Comparator.comparing(
                        (MemberState m) -> m.member().profile().label().toLowerCase())
                .thenComparing(m -> m.member().memberId().value()));
        List<TeamState> teams = new ArrayList<>();
        for (TeamRow team : store.teams()) {
            List<MemberId> memberIds = new ArrayList<>(
                    store.memberships().getOrDefault(team.teamId(), Map.of()).keySet());
            memberIds.sort(Comparator.comparing(MemberId::value));
            teams.add(new TeamState(team, List.copyOf(memberIds)));
        }
        teams.sort(Comparator.comparing((TeamState t) -> t.team().displayName().key())
                .thenComparing(t -> t.team().teamId().value()));
        return new OrganizationState(
                at,
                applied[0],
                store.organization(organizationId).orElse(null),
                List.copyOf(members),
                List.copyOf(teams));
    }

    public Optional<MemberState> member(OrganizationId organizationId, MemberId memberId, Instant at) {
        return at(organizationId, at).members().stream()
                .filter(state -> state.member().memberId().equals(memberId))
                .findFirst();
    }

    public Optional<TeamState> team(OrganizationId organizationId, TeamId teamId, Instant at) {
        return at(organizationId, at).teams().stream()
                .filter(state -> state.team().teamId().equals(teamId))
                .findFirst();
    }
}
