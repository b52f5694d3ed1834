package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The state of an organization as of any past instant, computed from the event store with the same
 * {@link DirectoryEvolver} the live projection uses, in memory: never from the current read models. It starts from
 * the nearest state {@link DirectoryCheckpoints} kept before the instant, if any, and folds the events after it.
 *
 * <p>Several events often share one millisecond (a group push, a deletion and the memberships it ends). The state
 * right after one of them counts the others of that millisecond only up to it, in store order: {@code through} is
 * that event's store position. Without it, every event of the instant counts.
 */
public class DirectoryAsOf {

    /**
     * A state well in the past no longer changes: the few last asked for are kept, for paging through them, softly:
     * at 100,000 members one takes about 200 MB, and the JVM drops them (computed again when asked) before it would
     * run out of memory.
     */
    private static final Duration SETTLED = Duration.ofSeconds(10);

    private static final int KEPT = 3;

    private record Key(OrganizationId organizationId, Instant at, Long through) {}

    /**
     * Refused by {@link #rightAfter}: a {@code through} that names no event of the organization at the instant (none at
     * that position, another organization's, or one of another moment), so "right after it" would be untrue.
     */
    public static class ThroughNotAtInstantException extends InvalidValueException {

        ThroughNotAtInstantException(Instant at, long through) {
            super("'through' must be the store position of one of the organization's events at the instant " + at
                    + " (as Activity and history give them); no such event is at position " + through);
        }
    }

    /**
     * {@link #at(OrganizationId, Instant, Long)} for "right after this event": refused when {@code through} is no event
     * of the organization at the instant.
     */
    public OrganizationState rightAfter(OrganizationId organizationId, Instant at, Long through) {
        OrganizationState state = at(organizationId, at, through);
        if (!state.throughSeen()) {
            throw new ThroughNotAtInstantException(state.at(), through);
        }
        return state;
    }

    /** A value with the keys it is sorted by: its key, then the name as written (a tie of keys), then its id. */
    private record Sorted<T>(String key, String name, String id, T value) implements Comparable<Sorted<T>> {

        @Override
        public int compareTo(Sorted<T> other) {
            int byKey = key.compareTo(other.key);
            if (byKey != 0) {
                return byKey;
            }
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : id.compareTo(other.id);
        }

        static <T> List<T> values(List<Sorted<T>> sorted) {
            Collections.sort(sorted);
            List<T> values = new ArrayList<>(sorted.size());
            for (Sorted<T> entry : sorted) {
                values.add(entry.value());
            }
            return Collections.unmodifiableList(values);
        }
    }

    private final EventStoreReader reader;
    private final DirectoryCheckpoints checkpoints;

    /** Read the events after a kept state while the state itself is read back (one pool for the process). */
    private static final Executor READERS = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "state-as-of-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final Function<OrganizationState, Reference<OrganizationState>> keeping;

    private final Map<Key, Reference<OrganizationState>> recent = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Reference<OrganizationState>> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * The writes of an organization that may still be storing events of an instant: a state is folded once they have
     * ended, so that asking again for the same instant later gives the same state (a write's events are stamped when
     * it makes them, and stored when it commits, a few milliseconds later).
     */
    public interface WritesInFlight {

        /** Nothing to wait for: the events are stored by whoever asks (tests). */
        WritesInFlight NONE = (organizationId, at) -> {};

        /** Returns once every write of the organization that may store an event at or before the instant has ended. */
        void awaitUpTo(OrganizationId organizationId, Instant at);
    }

    private final WritesInFlight writes;

    /** @param checkpoints kept states to start from; null to fold every event from the start */
    public DirectoryAsOf(EventStoreReader reader, DirectoryCheckpoints checkpoints) {
        this(reader, checkpoints, WritesInFlight.NONE);
    }

    /** @param writes the writes in flight, waited for before a state is folded */
    public DirectoryAsOf(EventStoreReader reader, DirectoryCheckpoints checkpoints, WritesInFlight writes) {
        this(reader, checkpoints, writes, SoftReference::new);
    }

    /** @param keeping how a recent answer is held: softly, or (in tests) by a reference that can be cleared at will */
    DirectoryAsOf(
            EventStoreReader reader,
            DirectoryCheckpoints checkpoints,
            WritesInFlight writes,
            Function<OrganizationState, Reference<OrganizationState>> keeping) {
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.writes = writes;
        this.keeping = keeping;
    }

    public OrganizationState at(OrganizationId organizationId, Instant at) {
        return at(organizationId, at, null);
    }

    /**
     * The state right after the event at store position {@code through}, which happened at {@code at}: the events
     * before that instant, and those of the instant stored up to that position. Null: all events of the instant.
     */
    public OrganizationState at(OrganizationId organizationId, Instant given, Long through) {
        // the store keeps time to the millisecond: an instant within one is that millisecond
        Instant at = given.truncatedTo(ChronoUnit.MILLIS);
        boolean settled = at.isBefore(Instant.now().minus(SETTLED));
        Key key = new Key(organizationId, at, through);
        if (settled) {
            synchronized (recent) {
                Reference<OrganizationState> held = recent.get(key);
                OrganizationState kept = held == null ? null : held.get();
                if (kept != null) {
                    return kept;
                }
                if (held != null) {
                    recent.remove(key); // dropped by the collector: computed again below
                }
            }
        }
        writes.awaitUpTo(organizationId, at);
        OrganizationState state = fold(organizationId, at, through);
        if (settled) {
            synchronized (recent) {
                recent.put(key, keeping.apply(state));
            }
        }
        return state;
    }

    private OrganizationState fold(OrganizationId organizationId, Instant at, Long through) {
        // a kept state of events up to the instant could hold some of it stored after the position: one before it
        Instant covering = through == null ? at : at.minusMillis(1);
        // every event of the instant is read below (after a kept state of the millisecond before): the one named too
        AtomicBoolean throughSeen = new AtomicBoolean(through == null);
        Optional<DirectoryCheckpoints.Checkpoint> kept =
                checkpoints == null ? Optional.empty() : checkpoints.nearest(organizationId, covering);
        InMemoryDirectoryStore store;
        long[] applied = {0};
        long startedAfter = 0;
        if (kept.isPresent()) {
            // the events after the kept state are read and deserialized while the kept state is read back
            startedAfter = kept.get().position();
            long after = startedAfter;
            CompletableFuture<List<StoredEvent>> tail = CompletableFuture.supplyAsync(
                    () -> organizationEventsBetween(organizationId, after, at, through, throughSeen), READERS);
            Optional<InMemoryDirectoryStore> loaded = checkpoints.load(organizationId, kept.get());
            List<StoredEvent> events = join(tail);
            if (loaded.isEmpty()) {
                return fold(organizationId, at, through); // discarded meanwhile: the next nearest, or from the start
            }
            InMemoryDirectoryStore from = loaded.get();
            applied[0] = kept.get().eventsApplied();
            events.forEach(event -> apply(event, from, applied));
            store = from;
        } else {
            InMemoryDirectoryStore fromStart = InMemoryDirectoryStore.shownOnly();
            reader.organizationBetween(organizationId, 0, at, event -> {
                see(event, at, through, throughSeen);
                if (event.isOrganizationEvent() && counted(event, at, through)) {
                    apply(event, fromStart, applied);
                }
            });
            store = fromStart;
        }
        // sorted by name as the member and team lists sort them (Émile among the E, not after Z), then id; each sort
        // key computed once, not at every comparison
        List<Sorted<MemberState>> members = new ArrayList<>(store.members().size());
        for (MemberRow member : store.members()) {
            List<TeamId> teams = store.teamsOf(member.memberId());
            teams.sort(Comparator.comparing(TeamId::value));
            String label = member.profile().label(); // made anew at each call: once
            members.add(new Sorted<>(
                    // the member list's order: the name folded, then as written (label_key, label)
                    ProfileIndex.orderKey(label),
                    label,
                    member.memberId().value(),
                    new MemberState(member, List.copyOf(teams))));
        }
        List<Sorted<TeamState>> teams = new ArrayList<>(store.teams().size());
        for (TeamRow team : store.teams()) {
            List<MemberId> memberIds = new ArrayList<>(
                    store.memberships().getOrDefault(team.teamId(), Map.of()).keySet());
            memberIds.sort(Comparator.comparing(MemberId::value));
            teams.add(new Sorted<>(
                    // the team list's order: the name folded (name_order), then the id
                    ProfileIndex.orderKey(team.displayName().value()),
                    "",
                    team.teamId().value(),
                    new TeamState(team, List.copyOf(memberIds))));
        }
        return new OrganizationState(
                at,
                applied[0],
                startedAfter,
                store.organization(organizationId).orElse(null),
                Sorted.values(members),
                Sorted.values(teams),
                throughSeen.get());
    }

    /** Whether an event read up to the instant counts: one of the instant itself only up to {@code through}. */
    private static boolean counted(StoredEvent event, Instant at, Long through) {
        return through == null
                || event.position() <= through
                || event.timestamp().isBefore(at);
    }

    /** Notes the event {@code through} names, when it is one of the instant. */
    private static void see(StoredEvent event, Instant at, Long through, AtomicBoolean seen) {
        if (through != null && event.position() == through && !event.timestamp().isBefore(at)) {
            seen.set(true);
        }
    }

    private List<StoredEvent> organizationEventsBetween(
            OrganizationId organizationId, long after, Instant at, Long through, AtomicBoolean throughSeen) {
        List<StoredEvent> events = new ArrayList<>();
        reader.organizationBetween(organizationId, after, at, event -> {
            see(event, at, through, throughSeen);
            if (event.isOrganizationEvent() && counted(event, at, through)) {
                event.payload(); // deserialized here, on this thread
                events.add(event);
            }
        });
        return events;
    }

    private static void apply(StoredEvent event, InMemoryDirectoryStore store, long[] applied) {
        DirectoryEvolver.apply(
                event.event(),
                new EventContext(event.timestamp(), event.message().getSequenceNumber()),
                store);
        applied[0]++;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * One member as it was at the instant, with its whole profile then: every attribute the identity provider had sent
     * (title, phone numbers, an extension's...), not only what the organization's state shows of each member. That
     * profile is the one of the member's own last profile event the state had applied (its sequence number at most the
     * member's version then), read from the member's events in the store.
     */
    public Optional<MemberState> member(OrganizationId organizationId, MemberId memberId, Instant at, Long through) {
        return rightAfter(organizationId, at, through).members().stream()
                .filter(state -> state.member().memberId().equals(memberId))
                .findFirst()
                .map(this::withWholeProfile);
    }

    private MemberState withWholeProfile(MemberState state) {
        MemberRow row = state.member();
        return profileAt(row.memberId(), row.version())
                .map(profile ->
                        new MemberState(row.withProfile(profile, row.lastModifiedAt(), row.version()), state.teamIds()))
                .orElse(state);
    }

    /**
     * The member's whole profile at one of its versions: the one of its last profile event whose sequence number is at
     * most {@code version}, read from the member's events in the store (a few, whatever the organization's size).
     * Empty for no such member.
     */
    public Optional<MemberProfile> profileAt(MemberId memberId, long version) {
        MemberProfile profile = null;
        for (StoredEvent event : reader.aggregate(memberId.value())) {
            if (event.message().getSequenceNumber() > version) {
                break;
            }
            if (event.payload() instanceof MemberProvisioned provisioned) {
                profile = provisioned.profile();
            } else if (event.payload() instanceof MemberProfileChanged changed) {
                profile = changed.profile();
            }
        }
        return Optional.ofNullable(profile);
    }

    public Optional<TeamState> team(OrganizationId organizationId, TeamId teamId, Instant at, Long through) {
        return rightAfter(organizationId, at, through).teams().stream()
                .filter(state -> state.team().teamId().equals(teamId))
                .findFirst();
    }
}
