package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ALICE;
import static com.controlpanel.provisioning.testing.EventExamples.BOB;
import static com.controlpanel.provisioning.testing.EventExamples.CREDENTIAL;
import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static com.controlpanel.provisioning.testing.EventExamples.TOKEN_HASH;
import static com.controlpanel.provisioning.testing.EventExamples.aliceProfile;
import static com.controlpanel.provisioning.testing.EventExamples.aliceRenamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Event in, row out: the directory projection against the real schema. */
class DirectoryProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123Z");

    private JdbcTemplate jdbc;
    private DirectoryProjection projection;
    private DirectoryQueries queries;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = T0;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.jdbc();
        DirectorySlots slots = new DirectorySlots(jdbc);
        projection = new DirectoryProjection(slots);
        queries = new DirectoryQueries(jdbc, slots);
        on(new OrganizationCreated(ORG, "Acme", TENANT));
    }

    /** Feeds one event, numbering it within its aggregate, one second after the previous one. */
    private void on(OrganizationEvent event) {
        String aggregate = event instanceof com.controlpanel.provisioning.domain.api.MemberEvent m
                ? m.memberId().value()
                : event instanceof com.controlpanel.provisioning.domain.api.TeamEvent t
                        ? t.teamId().value()
                        : event.organizationId().value();
        long sequence = sequences.merge(aggregate, 0L, (old, zero) -> old + 1);
        projection.on(event, clock, sequence);
        clock = clock.plusSeconds(1);
    }

    private MemberSummary member(com.controlpanel.provisioning.domain.api.MemberId id) {
        return queries.findMember(ORG, id).orElseThrow();
    }

    private MemberProfile bobProfile() {
        return MemberProfile.invited("bob@example.com", PersonName.of("Bob", "Stone"));
    }

    @Test
    void organizationCreatedMakesAnOrganizationWithProvisioningOff() {
        OrganizationRow row = queries.organization(ORG).orElseThrow();
        assertThat(row.name()).isEqualTo("Acme");
        assertThat(row.tenantId()).isEqualTo(TENANT);
        assertThat(row.provisioningEnabled()).isFalse();
        assertThat(row.createdAt()).isEqualTo(T0);
        assertThat(queries.organizationByTenant(TENANT)).contains(row);
    }

    @Test
    void organizationRenamedChangesOnlyItsName() {
        on(new ProvisioningEnabled(ORG, TENANT));
        OrganizationRow before = queries.organization(ORG).orElseThrow();
        on(new OrganizationRenamed(ORG, "Acme", "Acme Corporation"));
        OrganizationRow after = queries.organization(ORG).orElseThrow();
        assertThat(after.name()).isEqualTo("Acme Corporation");
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.withName(before.name(), before.version())).isEqualTo(before);
        assertThat(queries.organizationByTenant(TENANT)).contains(after);
    }

    @Test
    void organizationsArePagedByNameFoundByAnyPartOfItAndReadByKey() {
        OrganizationId beta = OrganizationId.random();
        OrganizationId betaTwo = OrganizationId.random();
        OrganizationId gamma = OrganizationId.random();
        on(new OrganizationCreated(gamma, "Gamma", TenantId.random()));
        on(new OrganizationCreated(betaTwo, "Beta_two", TenantId.random()));
        on(new OrganizationCreated(beta, "Beta 100%", TenantId.random()));

        OrganizationPage first = queries.organizations(null, 0, 2);
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.items()).extracting(OrganizationRow::name).containsExactly("Acme", "Beta 100%");
        assertThat(queries.organizations("", 2, 2).items())
                .extracting(OrganizationRow::name)
                .containsExactly("Beta_two", "Gamma");
        OrganizationPage past = queries.organizations(null, 10, 2);
        assertThat(past.total()).isEqualTo(4);
        assertThat(past.items()).isEmpty();

        assertThat(queries.organizations(" BETA ", 0, 10).items())
                .extracting(OrganizationRow::organizationId)
                .containsExactly(beta, betaTwo);
        assertThat(queries.organizations("%", 0, 10).items())
                .as("%% matches itself")
                .extracting(OrganizationRow::name)
                .containsExactly("Beta 100%");
        assertThat(queries.organizations("_", 0, 10).items())
                .as("_ matches itself")
                .extracting(OrganizationRow::name)
                .containsExactly("Beta_two");
        assertThat(queries.organizations("zzz", 0, 10)).isEqualTo(new OrganizationPage(List.of(), 0));

        assertThat(queries.organizations(List.of(gamma, ORG, gamma)))
                .extracting(OrganizationRow::name)
                .containsExactly("Acme", "Gamma");
        assertThat(queries.organizations(List.of())).isEmpty();
        assertThat(queries.organizations((List<OrganizationId>) null)).hasSize(4);
    }

    @Test
    void provisioningSwitchedOnShowsWhenTheTokenWasIssuedAndOffForgetsIt() {
        on(new ProvisioningEnabled(ORG, TENANT));
        on(new ProvisioningCredentialsIssued(ORG, CREDENTIAL, TOKEN_HASH, null));
        OrganizationRow on = queries.organization(ORG).orElseThrow();
        assertThat(on.provisioningEnabled()).isTrue();
        assertThat(on.credentialId()).isEqualTo(CREDENTIAL);
        assertThat(on.tokenIssuedAt()).isEqualTo(T0.plusSeconds(2));

        on(new ProvisioningDisabled(ORG, CREDENTIAL));
        OrganizationRow off = queries.organization(ORG).orElseThrow();
        assertThat(off.provisioningEnabled()).isFalse();
        assertThat(off.credentialId()).isNull();
        assertThat(off.tokenIssuedAt()).isNull();
    }

    @Test
    void memberProvisionedIsListedWithItsWholeProfileAndOktaBadge() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        MemberSummary alice = member(ALICE);
        assertThat(alice.member().profile()).isEqualTo(aliceProfile());
        assertThat(alice.member().source()).isEqualTo(Source.OKTA);
        assertThat(alice.member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(alice.member().createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(alice.member().lastModifiedAt()).isEqualTo(alice.member().createdAt());
        assertThat(alice.member().version()).isZero();
        assertThat(alice.readOnly()).isFalse();
    }

    @Test
    void rule1_provisionedMemberIsReadOnlyWhileProvisioningIsOn() {
        on(new ProvisioningEnabled(ORG, TENANT));
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        assertThat(member(ALICE).readOnly()).isTrue();
        assertThat(member(BOB).readOnly()).isFalse();
    }

    @Test
    void rule5_oktaBadgeStaysAfterProvisioningIsSwitchedOff() {
        on(new ProvisioningEnabled(ORG, TENANT));
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null));
        on(new ProvisioningDisabled(ORG, CREDENTIAL));
        assertThat(member(ALICE).member().source()).isEqualTo(Source.OKTA);
        assertThat(member(ALICE).readOnly()).isFalse();
        TeamSummary team = queries.findTeam(ORG, ENGINEERING).orElseThrow();
        assertThat(team.team().source()).isEqualTo(Source.OKTA);
        assertThat(team.readOnly()).isFalse();
    }

    @Test
    void invitedMemberIsListedAsInvitedWithoutBadge() {
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        assertThat(member(BOB).member().status()).isEqualTo(MemberStatus.INVITED);
        assertThat(member(BOB).member().source()).isEqualTo(Source.MANUAL);
    }

    @Test
    void aMemberAndATeamTakenOverByOktaShowTheBadgeAndBecomeReadOnly() {
        on(new ProvisioningEnabled(ORG, TENANT));
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, BOB));
        assertThat(ids(query(null, Source.OKTA, null, null, MemberSort.NAME, false, 0, 10)))
                .isEmpty();

        on(new MemberTakenOver(ORG, BOB));
        MemberSummary bob = member(BOB);
        assertThat(bob.member().source()).isEqualTo(Source.OKTA);
        assertThat(bob.member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(bob.member().profile()).isEqualTo(bobProfile());
        assertThat(bob.member().version()).isEqualTo(1);
        assertThat(bob.member().lastModifiedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(bob.readOnly()).isTrue();
        assertThat(ids(query(null, Source.OKTA, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(BOB);
        assertThat(ids(query(null, Source.MANUAL, null, null, MemberSort.NAME, false, 0, 10)))
                .isEmpty();
        assertThat(search("stone")).containsExactly(BOB);

        on(new TeamTakenOver(ORG, ENGINEERING));
        TeamSummary team = queries.findTeam(ORG, ENGINEERING).orElseThrow();
        assertThat(team.team().source()).isEqualTo(Source.OKTA);
        assertThat(team.team().memberCount()).isEqualTo(1);
        assertThat(team.team().version()).isEqualTo(2);
        assertThat(team.readOnly()).isTrue();
    }

    @Test
    void profileChangeUpdatesTheRowAndWhatSearchFinds() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberProfileChanged(ORG, ALICE, aliceProfile(), aliceRenamed()));
        MemberRow row = member(ALICE).member();
        assertThat(row.profile().userName().value()).isEqualTo("alice.adams@example.com");
        assertThat(row.version()).isEqualTo(1);
        assertThat(row.createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(row.lastModifiedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(search("alice.adams@example.com")).containsExactly(ALICE);
        assertThat(terms()).contains("alice.adams@example.com", "adams").doesNotContain("alice@example.com");
    }

    @Test
    void aSearchOfOnlyPunctuationFindsNobodyAndPunctuationIsNeverAWildcard() {
        on(new MemberProvisioned(
                ORG, ALICE, Source.OKTA, MemberProfile.invited("ann_x@example.com", PersonName.of("Ann", "X")), true));
        on(new MemberProvisioned(
                ORG, BOB, Source.MANUAL, MemberProfile.invited("annbx@example.com", PersonName.of("Ann", "B")), true));
        assertThat(search("%")).isEmpty();
        assertThat(search("_")).isEmpty();
        assertThat(search(" - ")).isEmpty();
        assertThat(search("ann_x")).containsExactly(ALICE);
        assertThat(search("ann%x")).containsExactly(ALICE);
        assertThat(search("ann")).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(search("  ")).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void aSearchFindsNamesWithAndWithoutTheirAccents() {
        MemberId jose = MemberId.random();
        MemberId lukasz = MemberId.random();
        MemberId plain = MemberId.random();
        MemberId zoe = MemberId.random();
        provision(jose, Source.OKTA, "jnunez@example.com", "José", "Núñez");
        provision(lukasz, Source.OKTA, "lz@example.com", "Łukasz", "Straße");
        provision(plain, Source.MANUAL, "jose@example.com", "Jose", "Nunez");
        // "Zoë Øberg" as some systems send it: the diaeresis a combining mark after its letter
        provision(zoe, Source.OKTA, "zo@example.com", "Zoe\u0308", "Øberg");
        assertThat(search("jose")).containsExactlyInAnyOrder(jose, plain);
        assertThat(search("JOSÉ núñ")).containsExactlyInAnyOrder(jose, plain);
        assertThat(search("lukasz")).containsExactly(lukasz);
        assertThat(search("strasse")).containsExactly(lukasz);
        assertThat(search("straße")).containsExactly(lukasz);
        assertThat(search("zoë")).containsExactly(zoe);
        assertThat(search("zoe oberg")).containsExactly(zoe);
    }

    @Test
    void aGreekNameTypedInCapitalsSoFarFindsItWhereverTheSigmaIs() {
        MemberId odysseus = MemberId.random();
        provision(odysseus, Source.OKTA, "odysseus@example.gr", "Οδυσσέας", "Παπαδόπουλος");
        TeamId design = TeamId.random();
        on(new TeamProvisioned(ORG, design, Source.MANUAL, new TeamName("Ομάδα Σχεδιασμού"), null));
        // a capital sigma at the end of what is typed lower-cases to the final one
        for (String typed : List.of("ΟΔΥΣ", "οδυσ", "Οδυσσέας", "ΟΔΥΣΣΈΑΣ", "ΠΑΠΑΔΌΠΟΥΛΟΣ", "παπαδοπουλοσ")) {
            assertThat(search(typed)).as(typed).containsExactly(odysseus);
        }
        for (String typed : List.of("ΣΧΕΔΙΑΣ", "σχεδιασμου", "ΟΜΆΔΑ Σ")) {
            assertThat(teamsNamed(typed)).as(typed).containsExactly(design);
        }
    }

    @Test
    void theSearchKeysOfGreekNamesAlreadyStoredAreMadeAgainWithOneSigma() throws Exception {
        MemberId odysseus = MemberId.random();
        provision(odysseus, Source.OKTA, "odysseus@example.gr", "Οδυσσέας", "Παπαδόπουλος");
        TeamId design = TeamId.random();
        on(new TeamProvisioned(ORG, design, Source.MANUAL, new TeamName("Σχεδιασμός"), null));
        List<String> kept = terms();
        String order = jdbc.queryForObject("SELECT label_key FROM dir_member_a", String.class);
        // as the version before schema 21 wrote them: the final sigma kept apart
        jdbc.update("UPDATE dir_member_term_a SET term = REPLACE(term, 'σ', 'ς') WHERE term LIKE '%σ'");
        jdbc.update("UPDATE dir_member_a SET label_key = 'οδυσσεας παπαδοπουλος'");
        jdbc.update("UPDATE dir_team_a SET search_key = 'σχεδιασμος', name_order = 'σχεδιασμος'");
        assertThat(search("οδυσσεασ")).isEmpty();
        assertThat(teamsNamed("ΣΧΕΔΙΑΣΜΟΣ")).isEmpty();

        try (var connection = jdbc.getDataSource().getConnection()) {
            SearchTerms.recomputeSigmas(connection, "a");
        }
        assertThat(terms()).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(jdbc.queryForObject("SELECT label_key FROM dir_member_a", String.class))
                .isEqualTo(order)
                .isEqualTo("οδυσσεασ παπαδοπουλοσ");
        assertThat(jdbc.queryForObject("SELECT name_order FROM dir_team_a", String.class))
                .isEqualTo("σχεδιασμοσ");
        assertThat(search("ΟΔΥΣΣΕΑΣ")).containsExactly(odysseus);
        assertThat(teamsNamed("ΣΧΕΔΙΑΣΜΟΣ")).containsExactly(design);
    }

    private void provision(MemberId member, Source source, String email, String givenName, String familyName) {
        on(new MemberProvisioned(
                ORG, member, source, MemberProfile.invited(email, PersonName.of(givenName, familyName)), true));
    }

    @Test
    void theTermsOfMembersAlreadyStoredAreMadeAgainWithoutAccents() throws Exception {
        MemberId jose = MemberId.random();
        provision(jose, Source.OKTA, "jnunez@example.com", "José", "Núñez");
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        List<String> kept = terms();
        // the terms as the projection wrote them before it read names without their accents
        jdbc.update("UPDATE dir_member_term_a SET term = 'josé' WHERE term = 'jose'");
        jdbc.update("UPDATE dir_member_term_a SET term = 'núñez' WHERE term = 'nunez'");
        assertThat(search("jose")).isEmpty();

        try (var connection = jdbc.getDataSource().getConnection()) {
            SearchTerms.recompute(connection, "a");
        }
        assertThat(terms()).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(search("jose nunez")).containsExactly(jose);
    }

    @Test
    void aSearchAnswersTheSameTotalAndPagesWhicheverWayItReadsThem() {
        Map<MemberId, MemberProfile> profiles = new HashMap<>();
        Map<MemberId, Source> sources = new HashMap<>();
        fewMembersOfEveryKind(profiles, sources);
        // the default bounds read these few members' matches and sort them; these read them every other way: along
        // the sort index through the candidates or checking every member (a walk), counted from the candidates or
        // from the term index, words that all match many checked member by member beside another filter
        List<DirectoryQueries> ways = List.of(
                queries,
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1, 1000)),
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1, 0)),
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1000, 1000)),
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1000, 0)));
        for (String text :
                List.of("bench", "example", "bench example", "ben example", "person", "ana ben", "zoe", "x")) {
            for (Source source : new Source[] {null, Source.OKTA, Source.MANUAL}) {
                for (MemberSort sort : MemberSort.values()) {
                    assertEveryWayAnswersAlike(ways, text, source, sort, false, profiles, sources);
                    assertEveryWayAnswersAlike(ways, text, source, sort, true, profiles, sources);
                }
            }
        }
    }

    /** 48 members: common and rare words in their names and emails, manual and provisioned ones. */
    private void fewMembersOfEveryKind(Map<MemberId, MemberProfile> profiles, Map<MemberId, Source> sources) {
        String[] given = {"Bench", "Benoît", "Ana", "Zoë"};
        for (int i = 0; i < 48; i++) {
            MemberId member = MemberId.random();
            String email = (i % 5 == 0 ? "bench" : "user") + i + "@" + (i % 7 == 0 ? "sample.org" : "example.com");
            Source source = i % 2 == 0 ? Source.OKTA : Source.MANUAL;
            provision(member, source, email, given[i % 4], "Person " + (char) ('a' + i % 26));
            profiles.put(member, member(member).member().profile());
            sources.put(member, source);
        }
    }

    @Test
    void aTeamsCandidatesAreTheSameWhicheverWayTheyAreRead() {
        Map<MemberId, MemberProfile> profiles = new HashMap<>();
        Map<MemberId, Source> sources = new HashMap<>();
        fewMembersOfEveryKind(profiles, sources);
        TeamId pushed = TeamId.random();
        on(new TeamProvisioned(ORG, pushed, Source.OKTA, new TeamName("Pushed"), null));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        List<MemberId> byName = ids(queries.findMembers(FindMembersQuery.all(ORG, 0, 100)));
        Map<TeamId, Set<MemberId>> teams = Map.of(pushed, new HashSet<>(), ENGINEERING, new HashSet<>());
        for (int i = 0; i < byName.size(); i++) {
            MemberId member = byName.get(i);
            if (i % 3 == 0 && sources.get(member) == Source.OKTA) {
                on(new MemberAddedToTeam(ORG, pushed, member));
                teams.get(pushed).add(member);
            }
            if (i % 4 == 1) {
                on(new MemberAddedToTeam(ORG, ENGINEERING, member));
                teams.get(ENGINEERING).add(member);
            }
        }
        // the matches gathered and sorted, along the name index through them, counted from the term index less
        // those left out and read along the name index checking every member (a walk)
        List<DirectoryQueries> ways = List.of(
                queries,
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1000, 0)),
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1, 0)),
                new DirectoryQueries(jdbc, new DirectorySlots(jdbc), new DirectoryQueries.Bounds(0, 1, 1000)));
        for (TeamId team : teams.keySet()) {
            for (String text : Arrays.asList(
                    null, "bench", "example", "bench example", "ben example", "person", "ana ben", "zoe", "x", "%")) {
                List<MemberId> candidates = byName.stream()
                        // a search of punctuation alone finds nobody
                        .filter(member -> text == null
                                || (!ProfileIndex.splitWords(text).isEmpty() && matches(profiles.get(member), text)))
                        .filter(member -> !teams.get(team).contains(member))
                        .filter(member -> team.equals(ENGINEERING) || sources.get(member) == Source.OKTA)
                        .toList();
                for (int offset : new int[] {0, 7, 30}) {
                    List<MemberId> page = candidates.subList(
                            Math.min(offset, candidates.size()), Math.min(offset + 10, candidates.size()));
                    String what = "'" + text + "' for " + (team.equals(ENGINEERING) ? "a manual" : "a pushed")
                            + " team from " + offset;
                    for (DirectoryQueries way : ways) {
                        MemberPage found = way.eligibleMembers(ORG, team, text, offset, 10);
                        assertThat(found.total()).as("total of " + what).isEqualTo(candidates.size());
                        assertThat(ids(found)).as("page of " + what).isEqualTo(page);
                    }
                }
            }
        }
    }

    private void assertEveryWayAnswersAlike(
            List<DirectoryQueries> ways,
            String text,
            Source source,
            MemberSort sort,
            boolean descending,
            Map<MemberId, MemberProfile> profiles,
            Map<MemberId, Source> sources) {
        List<MemberId> matching = ids(queries.findMembers(
                        new FindMembersQuery(ORG, null, null, null, null, sort, descending, 0, 100)))
                .stream()
                .filter(member -> matches(profiles.get(member), text))
                .filter(member -> source == null || sources.get(member) == source)
                .toList();
        for (int offset : new int[] {0, 7, 30}) {
            FindMembersQuery query = new FindMembersQuery(ORG, text, source, null, null, sort, descending, offset, 10);
            List<MemberId> page =
                    matching.subList(Math.min(offset, matching.size()), Math.min(offset + 10, matching.size()));
            String what =
                    "'" + text + "' of " + source + " by " + sort + (descending ? " desc" : "") + " from " + offset;
            for (DirectoryQueries way : ways) {
                MemberPage found = way.findMembers(query);
                assertThat(found.total()).as("total of " + what).isEqualTo(matching.size());
                assertThat(ids(found)).as("page of " + what).isEqualTo(page);
            }
        }
    }

    /** Whether every word of the text starts one of the member's terms: the search's rule, written plainly. */
    private static boolean matches(MemberProfile profile, String text) {
        return ProfileIndex.splitWords(text).stream()
                .map(ProfileIndex::termKey)
                .allMatch(word -> ProfileIndex.terms(profile).stream().anyMatch(term -> term.startsWith(word)));
    }

    @Test
    void theTeamSearchFindsNamesWithAndWithoutTheirAccents() {
        TeamId equipe = TeamId.random();
        TeamId plain = TeamId.random();
        on(new TeamProvisioned(ORG, equipe, Source.OKTA, new TeamName("Équipe Łódź"), null));
        on(new TeamProvisioned(ORG, plain, Source.MANUAL, new TeamName("Equipe Lodz"), null));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Straße 100%"), null));

        assertThat(teamsNamed("equipe")).containsExactlyInAnyOrder(equipe, plain);
        assertThat(teamsNamed("ÉQUIPE ŁÓDŹ")).containsExactlyInAnyOrder(equipe, plain);
        assertThat(teamsNamed("strasse")).containsExactly(ENGINEERING);
        assertThat(teamsNamed("e 100%")).containsExactly(ENGINEERING);
        assertThat(teamsNamed("e 10_%")).isEmpty();

        on(new TeamRenamed(ORG, plain, new TeamName("Equipe Lodz"), new TeamName("Zoë")));
        assertThat(teamsNamed("zoe")).containsExactly(plain);
        assertThat(teamsNamed("lodz")).containsExactly(equipe);
    }

    @Test
    void theSearchKeysOfTeamsAlreadyStoredAreMadeFromTheirNames() throws Exception {
        TeamId equipe = TeamId.random();
        on(new TeamProvisioned(ORG, equipe, Source.OKTA, new TeamName("Équipe"), null));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        // the keys as migration V12 finds them before it fills them
        jdbc.update("UPDATE dir_team_a SET search_key = ''");
        assertThat(teamsNamed("equipe")).isEmpty();

        try (var connection = jdbc.getDataSource().getConnection()) {
            SearchTerms.recomputeTeams(connection, "a");
        }
        assertThat(teamsNamed("equipe")).containsExactly(equipe);
        assertThat(teamsNamed("gin")).containsExactly(ENGINEERING);
    }

    @Test
    void listsSortNamesWithoutRegardToCaseAndAccents() {
        MemberId zoe = MemberId.random();
        MemberId emile = MemberId.random();
        MemberId lukasz = MemberId.random();
        MemberId ada = MemberId.random();
        MemberId mia = MemberId.random();
        provision(zoe, Source.OKTA, "zoe@example.com", "Zoé", "Martin");
        provision(emile, Source.MANUAL, "emile@example.com", "Émile", "Durand");
        provision(lukasz, Source.OKTA, "lukasz@example.com", "Łukasz", "Nowak");
        provision(ada, Source.MANUAL, "ada@example.com", "ada", "Lovelace");
        provision(mia, Source.MANUAL, "mia@example.com", "Mia", "Ørsted");
        // as plain text, Émile and Łukasz came after Zoé (é and ł are past z), and ada after the capitals
        List<MemberId> byName = List.of(ada, emile, lukasz, mia, zoe);
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactlyElementsOf(byName);
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, true, 0, 10)))
                .containsExactlyElementsOf(reversed(byName));
        // a search's matches, and the members a team may take, in the same order
        assertThat(search("example")).containsExactlyElementsOf(byName);
        TeamId team = TeamId.random();
        on(new TeamProvisioned(ORG, team, Source.MANUAL, new TeamName("Équipe"), null));
        assertThat(ids(queries.eligibleMembers(ORG, team, null, 0, 10))).containsExactlyElementsOf(byName);
        assertThat(ids(queries.eligibleMembers(ORG, team, "example", 0, 10))).containsExactlyElementsOf(byName);

        // a name changed moves in the order
        on(new MemberProfileChanged(
                ORG,
                ada,
                MemberProfile.invited("ada@example.com", PersonName.of("ada", "Lovelace")),
                MemberProfile.invited("ada@example.com", PersonName.of("Ådne", "Zabel"))));
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(ada, emile, lukasz, mia, zoe);
        on(new MemberProfileChanged(
                ORG,
                ada,
                MemberProfile.invited("ada@example.com", PersonName.of("Ådne", "Zabel")),
                MemberProfile.invited("ada@example.com", PersonName.of("Zoë", "Abel"))));
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(emile, lukasz, mia, ada, zoe);
    }

    @Test
    void teamListsSortNamesWithoutRegardToCaseAndAccents() {
        TeamId zeta = TeamId.random();
        TeamId equipe = TeamId.random();
        TeamId alpha = TeamId.random();
        TeamId oekonomie = TeamId.random();
        on(new TeamProvisioned(ORG, zeta, Source.MANUAL, new TeamName("Zeta"), null));
        on(new TeamProvisioned(ORG, equipe, Source.MANUAL, new TeamName("Équipe Nord"), null));
        on(new TeamProvisioned(ORG, alpha, Source.MANUAL, new TeamName("alpha"), null));
        on(new TeamProvisioned(ORG, oekonomie, Source.MANUAL, new TeamName("Ökonomie"), null));
        List<TeamId> byName = List.of(alpha, equipe, oekonomie, zeta);
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));

        assertThat(teamsNamed("")).containsExactlyElementsOf(byName);
        assertThat(queries.findTeams(new FindTeamsQuery(ORG, null, null, TeamSort.NAME, true, 0, 50)).items().stream()
                        .map(summary -> summary.team().teamId()))
                .containsExactlyElementsOf(reversed(byName));
        assertThat(queries.invitableTeams(ORG).stream().map(TeamRef::teamId)).containsExactlyElementsOf(byName);
        for (TeamId team : List.of(zeta, oekonomie, alpha, equipe)) {
            on(new MemberAddedToTeam(ORG, team, BOB));
        }
        assertThat(queries.teamsOf(List.of(BOB)).get(BOB).stream().map(TeamRef::teamId))
                .containsExactlyElementsOf(byName);

        on(new TeamRenamed(ORG, zeta, new TeamName("Zeta"), new TeamName("Äbte")));
        assertThat(teamsNamed("")).containsExactly(zeta, alpha, equipe, oekonomie);
    }

    @Test
    void listsSortTheNumbersInNamesByTheirValues() {
        MemberId agent10 = MemberId.random();
        MemberId agent9 = MemberId.random();
        MemberId agent100 = MemberId.random();
        provision(agent10, Source.OKTA, "a10@example.com", "Agent", "10");
        provision(agent9, Source.OKTA, "a9@example.com", "Agent", "9");
        provision(agent100, Source.OKTA, "a100@example.com", "Agent", "100");
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(agent9, agent10, agent100);
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, true, 0, 10)))
                .containsExactly(agent100, agent10, agent9);

        TeamId floor12 = TeamId.random();
        TeamId floor2 = TeamId.random();
        TeamId floor1 = TeamId.random();
        on(new TeamProvisioned(ORG, floor12, Source.MANUAL, new TeamName("Floor 12"), null));
        on(new TeamProvisioned(ORG, floor2, Source.MANUAL, new TeamName("Floor 2"), null));
        on(new TeamProvisioned(ORG, floor1, Source.MANUAL, new TeamName("Floor 1"), null));
        assertThat(teamsNamed("")).containsExactly(floor1, floor2, floor12);
        assertThat(queries.invitableTeams(ORG).stream().map(TeamRef::teamId)).containsExactly(floor1, floor2, floor12);
        on(new TeamRenamed(ORG, floor1, new TeamName("Floor 1"), new TeamName("Floor 20")));
        assertThat(teamsNamed("")).containsExactly(floor2, floor12, floor1);
    }

    @Test
    void theOrderKeysOfMembersAndTeamsAlreadyStoredAreMadeFromTheirNames() throws Exception {
        MemberId emile = MemberId.random();
        provision(emile, Source.MANUAL, "emile@example.com", "Émile", "Durand");
        provision(MemberId.random(), Source.MANUAL, "zed@example.com", "Zed", "Zane");
        // a name longer than the label column holds: its key is made from the whole name, read from the profile
        provision(MemberId.random(), Source.MANUAL, "long@example.com", "É" + "e".repeat(200), "Ł" + "l".repeat(100));
        TeamId equipe = TeamId.random();
        on(new TeamProvisioned(ORG, equipe, Source.OKTA, new TeamName("Équipe"), null));
        List<Map<String, Object>> kept = orderKeys();
        // the keys as migration V14 finds them: the labels lower-cased with their accents, the teams' not filled
        jdbc.update("UPDATE dir_member_a SET label_key = LOWER(label)");
        jdbc.update("UPDATE dir_team_a SET name_order = ''");
        assertThat(orderKeys()).isNotEqualTo(kept);

        try (var connection = jdbc.getDataSource().getConnection()) {
            SearchTerms.recomputeOrder(connection, "a");
        }
        assertThat(orderKeys()).isEqualTo(kept);
        assertThat(kept)
                .extracting(row -> row.get("ORDER_KEY"))
                .containsExactly("e".repeat(201) + " " + "l".repeat(54), "emile durand", "equipe", "zed zane");
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private List<Map<String, Object>> orderKeys() {
        return jdbc.queryForList("SELECT label_key AS order_key FROM dir_member_a UNION ALL SELECT name_order FROM "
                + "dir_team_a ORDER BY 1");
    }

    private List<TeamId> teamsNamed(String text) {
        return queries.findTeams(new FindTeamsQuery(ORG, text, null, TeamSort.NAME, false, 0, 50)).items().stream()
                .map(summary -> summary.team().teamId())
                .toList();
    }

    @Test
    void deactivationAndReactivationChangeTheStatusOnly() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberDeactivated(ORG, ALICE));
        assertThat(member(ALICE).member().status()).isEqualTo(MemberStatus.DEACTIVATED);
        assertThat(member(ALICE).member().profile()).isEqualTo(aliceProfile());
        on(new MemberReactivated(ORG, ALICE));
        assertThat(member(ALICE).member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member(ALICE).member().version()).isEqualTo(2);
    }

    @Test
    void deprovisionedMemberLeavesTheListAndItsTeams() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        on(new MemberDeprovisioned(ORG, ALICE));
        assertThat(queries.findMember(ORG, ALICE)).isEmpty();
        assertThat(queries.findTeam(ORG, ENGINEERING).orElseThrow().team().memberCount())
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dir_member_attr_a", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dir_member_term_a", Integer.class))
                .isZero();
    }

    @Test
    void removedMemberLeavesTheList() {
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        on(new MemberRemoved(ORG, BOB));
        assertThat(queries.findMember(ORG, BOB)).isEmpty();
    }

    @Test
    void teamEventsShapeTheTeamRow() {
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "00g1"));
        on(new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")));
        on(new TeamExternalIdChanged(ORG, ENGINEERING, "00g1", "00g2"));
        TeamRow team = queries.findTeam(ORG, ENGINEERING).orElseThrow().team();
        assertThat(team.displayName()).isEqualTo(new TeamName("R&D"));
        assertThat(team.externalId()).isEqualTo("00g2");
        assertThat(team.source()).isEqualTo(Source.OKTA);
        assertThat(team.version()).isEqualTo(2);
        assertThat(team.createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(team.lastModifiedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void membershipsShowOnTheMemberAndCountOnTheTeam() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        on(new MemberAddedToTeam(ORG, ENGINEERING, BOB));
        on(new MemberRemovedFromTeam(ORG, ENGINEERING, BOB));
        assertThat(member(ALICE).teams()).extracting(TeamRef::name).containsExactly("Engineering");
        assertThat(member(BOB).teams()).isEmpty();
        TeamRow team = queries.findTeam(ORG, ENGINEERING).orElseThrow().team();
        assertThat(team.memberCount()).isEqualTo(1);
        assertThat(team.version()).isEqualTo(3);
    }

    @Test
    void rule9_deletedTeamLeavesItsMembersInTheOrganization() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        on(new TeamDeleted(ORG, ENGINEERING));
        assertThat(queries.findTeam(ORG, ENGINEERING)).isEmpty();
        assertThat(member(ALICE).teams()).isEmpty();
        assertThat(member(ALICE).member().status()).isEqualTo(MemberStatus.ACTIVE);
    }

    // Who a team's members are (a Group's ETag is its version and this digest): it follows every change of them, also
    // the ones that are no event of the team.

    private TeamRow engineering() {
        return queries.findTeam(ORG, ENGINEERING).orElseThrow().team();
    }

    @Test
    void aMembershipChangesTheTeamsDigest() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null));
        assertThat(engineering().membersDigest()).isZero();

        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        assertThat(engineering().membersDigest()).isEqualTo(ShownDigests.member(ALICE));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        assertThat(engineering().membersDigest()).isEqualTo(ShownDigests.member(ALICE));
        assertThat(engineering().memberCount()).isEqualTo(1);

        on(new MemberRemovedFromTeam(ORG, ENGINEERING, ALICE));
        assertThat(engineering().membersDigest()).isZero();
        assertThat(engineering().memberCount()).isZero();
    }

    @Test
    void aMemberRenamedLeavesItsTeamsAsTheyWere() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        TeamRow before = engineering();
        on(new MemberProfileChanged(ORG, ALICE, aliceProfile(), aliceRenamed()));
        assertThat(engineering()).isEqualTo(before);
    }

    @Test
    void aMemberDeletedChangesItsTeamsDigestButNotTheirVersion() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, BOB));
        long withBobOnly = engineering().membersDigest();
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        long version = engineering().version();

        on(new MemberDeprovisioned(ORG, ALICE));
        assertThat(engineering().membersDigest()).isEqualTo(withBobOnly).isNotZero();
        assertThat(engineering().version()).isEqualTo(version);
        on(new MemberRemoved(ORG, BOB));
        assertThat(engineering().membersDigest()).isZero();
        assertThat(engineering().memberCount()).isZero();
    }

    @Test
    void aTeamRenamedKeepsWhatItShowsOfItsMembers() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        long digest = engineering().membersDigest();
        on(new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")));
        assertThat(engineering().membersDigest()).isEqualTo(digest);
        assertThat(engineering().memberCount()).isEqualTo(1);
    }

    @Test
    void digestsComputedFromTheMembershipsEqualTheOnesTheProjectionKept() throws Exception {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        on(new MemberAddedToTeam(ORG, ENGINEERING, BOB));
        on(new MemberProfileChanged(ORG, ALICE, aliceProfile(), aliceRenamed()));
        on(new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")));
        long kept = engineering().membersDigest();
        assertThat(kept).isNotZero();

        jdbc.update("UPDATE dir_team_a SET members_digest = 0");
        try (var connection = jdbc.getDataSource().getConnection()) {
            ShownDigests.recompute(connection, "a");
        }
        assertThat(engineering().membersDigest()).isEqualTo(kept);
    }

    @Test
    void memberListFiltersSortsAndPages() {
        on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        on(new MemberProvisioned(ORG, BOB, Source.MANUAL, bobProfile(), true));
        on(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null));
        on(new MemberAddedToTeam(ORG, ENGINEERING, BOB));
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(ALICE, BOB);
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, true, 0, 10)))
                .containsExactly(BOB, ALICE);
        assertThat(ids(query(null, Source.OKTA, null, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(ALICE);
        assertThat(ids(query(null, null, MemberStatus.INVITED, null, MemberSort.NAME, false, 0, 10)))
                .containsExactly(BOB);
        assertThat(ids(query(null, null, null, ENGINEERING, MemberSort.NAME, false, 0, 10)))
                .containsExactly(BOB);
        MemberPage second = query(null, null, null, null, MemberSort.EMAIL, false, 1, 1);
        assertThat(second.total()).isEqualTo(2);
        assertThat(ids(second)).containsExactly(BOB);
        assertThat(search("sto")).containsExactly(BOB);
        assertThat(search("Alice Ad")).containsExactly(ALICE);
        assertThat(search("tour")).isEmpty();
        // every word must match, whichever of them is common to everybody and whichever picks the candidates
        assertThat(search("example.com")).containsExactly(ALICE, BOB);
        assertThat(search("example Stone")).containsExactly(BOB);
        assertThat(search("stone@example.com")).containsExactly(BOB); // words, not the whole address
        assertThat(search("bob@example.com")).containsExactly(BOB);
        assertThat(search("com example alice adams")).containsExactly(ALICE);
        assertThat(search("com example alice stone")).isEmpty();
    }

    @Test
    void descendingPagesAreTheAscendingOrderReversedWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            on(new MemberProvisioned(
                    ORG,
                    com.controlpanel.provisioning.domain.api.MemberId.random(),
                    Source.MANUAL,
                    MemberProfile.invited("p" + i + "@example.com", PersonName.of("Person", "Same")),
                    true));
        }
        for (MemberSort sort : MemberSort.values()) {
            List<com.controlpanel.provisioning.domain.api.MemberId> ascending =
                    ids(query(null, null, null, null, sort, false, 0, 50));
            List<com.controlpanel.provisioning.domain.api.MemberId> descending = new java.util.ArrayList<>();
            for (int offset = 0; offset < 7; offset += 3) {
                MemberPage page = query(null, null, null, null, sort, true, offset, 3);
                assertThat(page.total()).isEqualTo(7);
                descending.addAll(ids(page));
            }
            assertThat(ascending).hasSize(7);
            List<com.controlpanel.provisioning.domain.api.MemberId> reversed = new java.util.ArrayList<>(ascending);
            java.util.Collections.reverse(reversed);
            assertThat(descending).as(sort.name()).containsExactlyElementsOf(reversed);
        }
        assertThat(ids(query(null, null, null, null, MemberSort.NAME, true, 7, 3)))
                .isEmpty();
    }

    private MemberPage query(
            String text,
            Source source,
            MemberStatus status,
            com.controlpanel.provisioning.domain.api.TeamId team,
            MemberSort sort,
            boolean descending,
            int offset,
            int limit) {
        return queries.findMembers(
                new FindMembersQuery(ORG, text, source, status, team, sort, descending, offset, limit));
    }

    private List<com.controlpanel.provisioning.domain.api.MemberId> search(String text) {
        return ids(query(text, null, null, null, MemberSort.NAME, false, 0, 50));
    }

    private List<String> terms() {
        return jdbc.queryForList("SELECT term FROM dir_member_term_a", String.class);
    }

    private static List<com.controlpanel.provisioning.domain.api.MemberId> ids(MemberPage page) {
        return page.items().stream().map(summary -> summary.member().memberId()).toList();
    }
}
