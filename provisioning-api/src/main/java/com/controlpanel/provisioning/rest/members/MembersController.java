package com.controlpanel.provisioning.rest.members;

import com.controlpanel.provisioning.application.MemberAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.MemberPage;
import com.controlpanel.provisioning.directory.MemberSort;
import com.controlpanel.provisioning.directory.MemberStatus;
import com.controlpanel.provisioning.directory.MemberSummary;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.rest.Failures;
import com.controlpanel.provisioning.rest.OrganizationAccess;
import com.controlpanel.provisioning.rest.PageJson;
import com.controlpanel.provisioning.rest.Params;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.security.CurrentActor;
import com.controlpanel.provisioning.web.RetryPauses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/orgs/{org}/members}: list, invite, read, edit, deactivate and delete members. */
@RestController
@RequestMapping("/api/orgs/{org}/members")
public class MembersController {

    /** The body of an invitation: the email, the name (whole, or in parts), and manual teams to join. */
    public record InviteMember(
            String email, String name, String givenName, String familyName, String displayName, List<String> teamIds) {}

    /** The body of an edit; absent fields stay as they are. */
    public record EditMember(
            String email,
            String name,
            String givenName,
            String familyName,
            String displayName,
            Boolean active,
            Long version) {}

    private final OrganizationAccess access;
    private final DirectoryQueries directory;
    private final MemberAdministration members;
    private final QueryGateway queries;

    public MembersController(
            OrganizationAccess access, DirectoryQueries directory, MemberAdministration members, QueryGateway queries) {
        this.access = access;
        this.directory = directory;
        this.members = members;
        this.queries = queries;
    }

    @GetMapping
    public PageJson<MemberJson> list(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String limit) {
        OrganizationRow organization = access.require(admin, org);
        TeamId teamId = null;
        if (team != null && !team.isBlank()) {
            // a team that is not there is a 404, as everywhere else, rather than a list that is always empty
            teamId = directory
                    .findTeam(organization.organizationId(), team(team))
                    .map(found -> found.team().teamId())
                    .orElseThrow(() -> NotFoundException.team(team));
        }
        FindMembersQuery query = new FindMembersQuery(
                organization.organizationId(),
                q,
                Params.optionalEnum(source, Source.class, "source"),
                Params.optionalEnum(status, MemberStatus.class, "status"),
                teamId,
                Params.optionalEnum(sort, MemberSort.class, "sort"),
                Params.descending(order),
                Params.offset(offset),
                Params.limit(limit, FindMembersQuery.MAX_LIMIT));
        return PageJson.of(queries.query(query, MemberPage.class).join());
    }

    @PostMapping
    public ResponseEntity<MemberJson> invite(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestBody(required = false) InviteMember body,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        if (body == null || body.email() == null || body.email().isBlank()) {
            throw new InvalidValueException("email is required");
        }
        Set<TeamId> teams = new LinkedHashSet<>();
        if (body.teamIds() != null) {
            body.teamIds().forEach(id -> teams.add(new TeamId(id)));
        }
        MemberId id = members.invite(
                CurrentActor.of(admin, request),
                organization.organizationId(),
                body.email(),
                name(body.name(), body.givenName(), body.familyName()),
                body.displayName(),
                teams);
        MemberSummary created =
                directory.findMember(organization.organizationId(), id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/orgs/" + org + "/members/" + id.value()))
                .body(MemberJson.of(created));
    }

    @GetMapping("/{id}")
    public MemberJson get(@AuthenticationPrincipal AdminUser admin, @PathVariable String org, @PathVariable String id) {
        OrganizationRow organization = access.require(admin, org);
        return MemberJson.of(find(organization, id));
    }

    @PatchMapping("/{id}")
    public MemberJson edit(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestBody(required = false) EditMember body,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        MemberSummary current = find(organization, id);
        if (body == null) {
            throw new InvalidValueException("A JSON object with the fields to change is required");
        }
        if (body.version() != null && body.version() < 0) {
            throw new InvalidValueException(
                    "'version' must be the member's version as the API gives it (0 or more), not " + body.version());
        }
        MemberId memberId = current.member().memberId();
        boolean renames = body.name() != null || body.givenName() != null || body.familyName() != null;
        if (body.email() != null || renames || body.displayName() != null || body.active() != null) {
            boolean byPart = renames && body.name() == null;
            long until = System.nanoTime() + PART_RETRY_FOR.toNanos();
            for (int attempt = 1; ; attempt++) {
                PersonName name = null;
                if (renames) {
                    // a part changed: the name is held as first and last name, the part not sent kept as it is
                    PersonName old = current.member().profile().name().asParts();
                    name = byPart
                            ? new PersonName(
                                    null,
                                    body.familyName() != null ? body.familyName() : old.familyName(),
                                    body.givenName() != null ? body.givenName() : old.givenName(),
                                    old.middleName(),
                                    old.honorificPrefix(),
                                    old.honorificSuffix())
                            : name(body.name(), body.givenName(), body.familyName());
                }
                // the part not sent is kept as it was read: the change is made on that version, or not at all (another
                // admin's change of the other part at the same moment was undone, both answered 200)
                Long expected = byPart && body.version() == null
                        ? Long.valueOf(current.member().version())
                        : body.version();
                try {
                    members.edit(
                            CurrentActor.of(admin, request),
                            organization.organizationId(),
                            memberId,
                            body.email(),
                            name,
                            body.displayName(),
                            body.active(),
                            expected);
                    break;
                } catch (RuntimeException e) {
                    boolean ours = body.version() == null
                            && Failures.cause(e, ConflictingAggregateVersionException.class)
                                    .isPresent();
                    if (!byPart || !ours || System.nanoTime() > until) {
                        throw e;
                    }
                    // changed meanwhile: the part not sent read again, as it is now
                    pause(attempt);
                    current = find(organization, id);
                }
            }
        }
        return MemberJson.of(find(organization, id));
    }

    /** How long an edit of one part of the name is made again on the member as it is now, when it changed meanwhile. */
    private static final Duration PART_RETRY_FOR = Duration.ofSeconds(10);

    private static void pause(int attempt) {
        try {
            RetryPauses.pause(attempt, 20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while editing a member", interrupted);
        }
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        MemberSummary current = find(organization, id);
        members.remove(
                CurrentActor.of(admin, request),
                organization.organizationId(),
                current.member().memberId());
        return ResponseEntity.noContent().build();
    }

    private MemberSummary find(OrganizationRow organization, String id) {
        MemberId memberId = parse(id);
        return directory
                .findMember(organization.organizationId(), memberId)
                .orElseThrow(() -> NotFoundException.member(memberId));
    }

    private static TeamId team(String id) {
        try {
            return new TeamId(id);
        } catch (InvalidValueException e) {
            throw NotFoundException.team(id);
        }
    }

    private static MemberId parse(String id) {
        try {
            return new MemberId(id);
        } catch (InvalidValueException e) {
            throw NotFoundException.member(id);
        }
    }

    /** A whole name goes to the formatted name, parts to the parts; not both (which would the name be?). */
    static PersonName name(String whole, String givenName, String familyName) {
        if (whole == null && givenName == null && familyName == null) {
            return PersonName.EMPTY;
        }
        if (whole != null && (givenName != null || familyName != null)) {
            throw new InvalidValueException(
                    "Send the whole name (name) or its parts (givenName, familyName), not both");
        }
        return new PersonName(whole, familyName, givenName, null, null, null);
    }
}
