package com.controlpanel.provisioning.rest.teams;

import com.controlpanel.provisioning.application.TeamAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.MemberPage;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.directory.TakenTeamNames;
import com.controlpanel.provisioning.directory.TeamPage;
import com.controlpanel.provisioning.directory.TeamSort;
import com.controlpanel.provisioning.directory.TeamSummary;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.rest.Failures;
import com.controlpanel.provisioning.rest.OrganizationAccess;
import com.controlpanel.provisioning.rest.PageJson;
import com.controlpanel.provisioning.rest.Params;
import com.controlpanel.provisioning.rest.members.MemberJson;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.security.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
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

/** {@code /api/orgs/{org}/teams}: list, create, rename and delete teams, and change who is in them. */
@RestController
@RequestMapping("/api/orgs/{org}/teams")
public class TeamsController {

    /** The body of create and rename. */
    public record TeamName(String name) {}

    /** The body of adding a member. */
    public record TeamMember(String memberId) {}

    private final OrganizationAccess access;
    private final DirectoryQueries directory;
    private final TeamAdministration teams;
    private final QueryGateway queries;

    public TeamsController(
            OrganizationAccess access, DirectoryQueries directory, TeamAdministration teams, QueryGateway queries) {
        this.access = access;
        this.directory = directory;
        this.teams = teams;
        this.queries = queries;
    }

    @GetMapping
    public PageJson<TeamJson> list(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String limit) {
        OrganizationRow organization = access.require(admin, org);
        FindTeamsQuery query = new FindTeamsQuery(
                organization.organizationId(),
                q,
                Params.optionalEnum(source, Source.class, "source"),
                Params.optionalEnum(sort, TeamSort.class, "sort"),
                Params.descending(order),
                Params.offset(offset),
                Params.limit(limit, FindTeamsQuery.MAX_LIMIT));
        return PageJson.of(queries.query(query, TeamPage.class).join());
    }

    @PostMapping
    public ResponseEntity<TeamJson> create(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestBody(required = false) TeamName body,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        if (body == null || body.name() == null) {
            throw new InvalidValueException("name is required");
        }
        TeamId id;
        try {
            id = teams.create(CurrentActor.of(admin, request), organization.organizationId(), body.name());
        } catch (RuntimeException e) {
            throw namingHolder(e, organization);
        }
        TeamSummary created =
                directory.findTeam(organization.organizationId(), id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/orgs/" + org + "/teams/" + id.value()))
                .body(TeamJson.of(created));
    }

    @GetMapping("/{id}")
    public TeamJson get(@AuthenticationPrincipal AdminUser admin, @PathVariable String org, @PathVariable String id) {
        return TeamJson.of(find(access.require(admin, org), id));
    }

    @PatchMapping("/{id}")
    public TeamJson rename(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestBody(required = false) TeamName body,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        TeamSummary team = find(organization, id);
        if (body == null || body.name() == null) {
            throw new InvalidValueException("name is required");
        }
        try {
            teams.rename(
                    CurrentActor.of(admin, request),
                    organization.organizationId(),
                    team.team().teamId(),
                    body.name());
        } catch (RuntimeException e) {
            throw namingHolder(e, organization);
        }
        return TeamJson.of(find(organization, id));
    }

    /** A name taken, said with the name of the team that has it, as it is written (as the Control Panel says it). */
    private RuntimeException namingHolder(RuntimeException failure, OrganizationRow organization) {
        return Failures.domainCause(failure)
                .<RuntimeException>map(
                        refusal -> TakenTeamNames.namingHolder(directory, organization.organizationId(), refusal))
                .filter(refusal -> refusal != Failures.domainCause(failure).orElse(null))
                .orElse(failure);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        TeamSummary team = find(organization, id);
        teams.delete(
                CurrentActor.of(admin, request),
                organization.organizationId(),
                team.team().teamId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/members")
    public PageJson<MemberJson> members(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String limit) {
        OrganizationRow organization = access.require(admin, org);
        TeamSummary team = find(organization, id);
        FindMembersQuery query = new FindMembersQuery(
                organization.organizationId(),
                null,
                null,
                null,
                team.team().teamId(),
                null,
                false,
                Params.offset(offset),
                Params.limit(limit, FindMembersQuery.MAX_LIMIT));
        return PageJson.of(queries.query(query, MemberPage.class).join());
    }

    /**
     * The members an admin may add to the team now, by name: those not in it, into a team pushed from Okta only
     * members Okta provisioned (rules 3 and 4); nobody while Okta manages the team (rule 1). {@code q} narrows them as
     * the member list's search does.
     */
    @GetMapping("/{id}/candidates")
    public PageJson<MemberJson> candidates(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String limit) {
        OrganizationRow organization = access.require(admin, org);
        TeamSummary team = find(organization, id);
        int from = Params.offset(offset);
        int size = Params.limit(limit, FindMembersQuery.MAX_LIMIT);
        if (team.readOnly()) {
            return PageJson.of(new MemberPage(List.of(), 0, from, size));
        }
        return PageJson.of(directory.eligibleMembers(
                organization.organizationId(), team.team().teamId(), q == null || q.isBlank() ? null : q, from, size));
    }

    @PostMapping("/{id}/members")
    public TeamJson addMember(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestBody(required = false) TeamMember body,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        TeamSummary team = find(organization, id);
        if (body == null || body.memberId() == null) {
            throw new InvalidValueException("memberId is required");
        }
        MemberId memberId = memberId(body.memberId());
        directory
                .findMember(organization.organizationId(), memberId)
                .orElseThrow(() -> NotFoundException.member(memberId));
        teams.addMember(
                CurrentActor.of(admin, request),
                organization.organizationId(),
                team.team().teamId(),
                memberId);
        return TeamJson.of(find(organization, id));
    }

    @DeleteMapping("/{id}/members/{memberId}")
    public ResponseEntity<Void> removeMember(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @PathVariable String memberId,
            HttpServletRequest request) {
        OrganizationRow organization = access.require(admin, org);
        TeamSummary team = find(organization, id);
        MemberId member = memberId(memberId);
        // removing someone who is not in the team is done already (204); someone who does not exist is a 404
        directory.findMember(organization.organizationId(), member).orElseThrow(() -> NotFoundException.member(member));
        teams.removeMember(
                CurrentActor.of(admin, request),
                organization.organizationId(),
                team.team().teamId(),
                member);
        return ResponseEntity.noContent().build();
    }

    private TeamSummary find(OrganizationRow organization, String id) {
        TeamId teamId;
        try {
            teamId = new TeamId(id);
        } catch (InvalidValueException e) {
            throw NotFoundException.team(id);
        }
        return directory
                .findTeam(organization.organizationId(), teamId)
                .orElseThrow(() -> NotFoundException.team(teamId));
    }

    private static MemberId memberId(String id) {
        try {
            return new MemberId(id);
        } catch (InvalidValueException e) {
            throw NotFoundException.member(id);
        }
    }
}
