package com.controlpanel.provisioning.scim.groups;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.directory.DirectorySearch;
import com.controlpanel.provisioning.directory.DirectorySearchQuery;
import com.controlpanel.provisioning.directory.SearchResult;
import com.controlpanel.provisioning.directory.TeamMember;
import com.controlpanel.provisioning.directory.TeamRow;
import com.controlpanel.provisioning.domain.api.DeprovisionTeamCommand;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ProvisionTeamCommand;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.UpdateProvisionedTeamCommand;
import com.controlpanel.provisioning.rest.Failures;
import com.controlpanel.provisioning.scim.AttributeSelection;
import com.controlpanel.provisioning.scim.ETags;
import com.controlpanel.provisioning.scim.FilterTranslator;
import com.controlpanel.provisioning.scim.ListRequest;
import com.controlpanel.provisioning.scim.PatchRequestBody;
import com.controlpanel.provisioning.scim.ScimLinks;
import com.controlpanel.provisioning.scim.ScimProperties;
import com.controlpanel.provisioning.scim.ScimRequests;
import com.controlpanel.provisioning.scim.ScimResponses;
import com.controlpanel.provisioning.web.PublicUrls;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code <tenant URL>/Groups}: the organization's teams as SCIM Groups (Okta's Push Groups). Reads show every team;
 * a write to a team created by an admin takes it over first (a pushed group linked to it by name), provided no member
 * invited by an admin stays in it. A membership change is a team command: members must be Users of the same
 * organization, and a member invited by an admin can not join a pushed team (rule 3, 400).
 */
@RestController
@RequestMapping("/scim/v2/{tenant}/Groups")
public class GroupsController {

    private final Commands commands;
    private final DirectorySearch search;
    private final ScimRequests requests;
    private final ScimProperties properties;
    private final PublicUrls urls;

    public GroupsController(
            Commands commands,
            DirectorySearch search,
            ScimRequests requests,
            ScimProperties properties,
            PublicUrls urls) {
        this.commands = commands;
        this.search = search;
        this.requests = requests;
        this.properties = properties;
        this.urls = urls;
    }

    @GetMapping
    public ResponseEntity<byte[]> list(HttpServletRequest request) throws ScimException {
        return list(ListRequest.of(request, properties), request);
    }

    @PostMapping("/.search")
    public ResponseEntity<byte[]> search(HttpServletRequest request) throws ScimException {
        return list(ListRequest.of(request, requests.body(request), properties), request);
    }

    @PostMapping
    public ResponseEntity<byte[]> create(HttpServletRequest request) throws ScimException {
        GroupJson.Input input = GroupJson.read(requests.body(request));
        TeamId teamId = TeamId.random();
        send(
                request,
                new ProvisionTeamCommand(
                        teamId,
                        organization(),
                        input.displayName(),
                        input.externalId(),
                        input.members() == null ? List.of() : input.members()));
        TeamRow row = existing(teamId.value());
        ScimLinks links = ScimLinks.of(request, urls);
        return ScimResponses.resource(
                HttpStatus.CREATED, resource(row, request, links), ETags.of(row), links.group(teamId.value()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<byte[]> get(@PathVariable String id, HttpServletRequest request) throws ScimException {
        TeamRow row = existing(id);
        if (ETags.matchMisses(request, ETags.of(row))) {
            throw new PreconditionFailedException("The Group is at " + ETags.of(row) + ", not an ETag in If-Match");
        }
        if (ETags.noneMatchHits(request, ETags.of(row))) {
            return ScimResponses.notModified(ETags.of(row));
        }
        return answer(row, request);
    }

    @PutMapping("/{id}")
    public ResponseEntity<byte[]> replace(@PathVariable String id, HttpServletRequest request) throws ScimException {
        GroupJson.Input input = GroupJson.read(requests.body(request));
        TeamRow current = existing(id);
        if (input.id() != null && !input.id().equals(id)) {
            throw BadRequestException.mutability(
                    "id is read-only: the body's id '" + input.id() + "' is not the id in the URL");
        }
        List<TeamChange> changes = List.of(
                new TeamChange.Rename(input.displayName()),
                new TeamChange.ChangeExternalId(input.externalId()),
                new TeamChange.ReplaceMembers(input.members() == null ? List.of() : input.members()));
        send(
                request,
                new UpdateProvisionedTeamCommand(
                        current.teamId(), organization(), changes, ETags.ifMatch(request, current)));
        return answer(existing(id), request);
    }

    /**
     * 204 No Content, as Okta expects, with the Group's new ETag; 200 with the Group when the request asks for
     * attributes.
     */
    @PatchMapping("/{id}")
    public ResponseEntity<byte[]> patch(@PathVariable String id, HttpServletRequest request) throws ScimException {
        List<PatchRequestBody.Operation> operations = PatchRequestBody.operations(requests.body(request));
        TeamRow current = existing(id);
        GroupPatch.Planned planned = GroupPatch.changes(
                operations,
                current.teamId().value(),
                new GroupPatch.Roster(
                        () -> search.membersOf(List.of(current.teamId())).getOrDefault(current.teamId(), List.of()),
                        memberId -> search.member(organization(), memberId).map(TeamMember::of)));
        Long version;
        try {
            version = commands.send(
                    ScimRequests.context(request),
                    new UpdateProvisionedTeamCommand(
                            current.teamId(), organization(), planned.changes(), ETags.ifMatch(request, current)));
        } catch (RuntimeException e) {
            throw refusedOperation(planned, e);
        }
        if (ListRequest.parameter(request, "attributes") == null
                && ListRequest.parameter(request, "excludedAttributes") == null) {
            // the ETag of the state this PATCH made, not of a change that came right after it (nor none if gone)
            return search.team(organization(), current.teamId())
                    .filter(changed -> version != null && changed.version() == version)
                    .map(changed -> ScimResponses.noContent(ETags.of(changed)))
                    .orElseGet(ScimResponses::noContent);
        }
        return answer(existing(id), request);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<byte[]> delete(@PathVariable String id, HttpServletRequest request) throws ScimException {
        TeamRow current = existing(id);
        send(request, new DeprovisionTeamCommand(current.teamId(), organization(), ETags.ifMatch(request, current)));
        return ScimResponses.noContent();
    }

    private ResponseEntity<byte[]> list(ListRequest list, HttpServletRequest request) throws ScimException {
        var query = new DirectorySearchQuery(
                organization(),
                FilterTranslator.groups(list.filter()),
                FilterTranslator.groupSortBy(list.sortBy()),
                list.descending(),
                list.offset(),
                list.count());
        SearchResult<TeamRow> found = search.teams(query, properties.searchTimeout());
        AttributeSelection selection = AttributeSelection.of(list);
        boolean withMembers = selection.returns("members");
        Map<TeamId, List<TeamMember>> members = withMembers && !found.items().isEmpty()
                ? search.membersOf(found.items().stream().map(TeamRow::teamId).toList())
                : Map.of();
        ScimLinks links = ScimLinks.of(request, urls);
        List<ObjectNode> groups = new ArrayList<>(found.items().size());
        for (TeamRow row : found.items()) {
            List<TeamMember> teamMembers = withMembers ? members.getOrDefault(row.teamId(), List.of()) : null;
            groups.add(selection.apply(GroupJson.write(row, teamMembers, links)));
        }
        return ScimResponses.list(found.total(), list.startIndex(), groups);
    }

    private ResponseEntity<byte[]> answer(TeamRow row, HttpServletRequest request) {
        ScimLinks links = ScimLinks.of(request, urls);
        return ScimResponses.resource(HttpStatus.OK, resource(row, request, links), ETags.of(row), null);
    }

    private ObjectNode resource(TeamRow row, HttpServletRequest request, ScimLinks links) {
        AttributeSelection selection = AttributeSelection.of(request);
        List<TeamMember> members = selection.returns("members")
                ? search.membersOf(List.of(row.teamId())).getOrDefault(row.teamId(), List.of())
                : null;
        return selection.apply(GroupJson.write(row, members, links));
    }

    /**
     * Sends a team command. A member the organization does not have is bad input here (400 invalidValue), not a
     * missing Group.
     */
    private <R> R send(HttpServletRequest request, Object command) throws BadRequestException {
        try {
            return commands.send(ScimRequests.context(request), command);
        } catch (RuntimeException e) {
            var domain = Failures.domainCause(e);
            if (domain.isPresent() && domain.get().errorCode() == ErrorCode.MEMBER_NOT_FOUND) {
                throw BadRequestException.invalidValue(domain.get().getMessage());
            }
            throw e;
        }
    }

    /**
     * A PATCH the team refused, with the operation that asked for what was refused named in front, as a refused
     * operation is named everywhere else: the first one adding a member the organization does not have (400), the
     * last one renaming the Group to a name another team has (409). Anything else is thrown as it came.
     */
    private ScimException refusedOperation(GroupPatch.Planned planned, RuntimeException refusal) {
        var domain = Failures.domainCause(refusal);
        if (domain.isPresent() && domain.get().errorCode() == ErrorCode.MEMBER_NOT_FOUND) {
            List<TeamChange> changes = planned.changes();
            for (int i = 0; i < changes.size(); i++) {
                List<MemberId> added = changes.get(i) instanceof TeamChange.AddMembers add
                        ? add.memberIds()
                        : changes.get(i) instanceof TeamChange.ReplaceMembers replace ? replace.memberIds() : List.of();
                for (MemberId member : added) {
                    if (search.member(organization(), member).isEmpty()) {
                        return BadRequestException.invalidValue(
                                planned.origin(i).describe() + ": "
                                        + NotFoundException.member(member).getMessage());
                    }
                }
            }
            return BadRequestException.invalidValue(domain.get().getMessage());
        }
        if (domain.isPresent() && domain.get().errorCode() == ErrorCode.TEAM_NAME_TAKEN) {
            for (int i = planned.changes().size() - 1; i >= 0; i--) {
                if (planned.changes().get(i) instanceof TeamChange.Rename) {
                    return ResourceConflictException.uniqueness(
                            planned.origin(i).describe() + ": " + domain.get().getMessage());
                }
            }
        }
        throw refusal;
    }

    /** The team of the calling organization with this id: 404 if there is none (or it is another's). */
    private TeamRow existing(String id) throws ResourceNotFoundException {
        TeamId teamId;
        try {
            teamId = new TeamId(id);
        } catch (InvalidValueException e) {
            throw new ResourceNotFoundException("No Group with id '" + id + "' in this organization");
        }
        return search.team(organization(), teamId)
                .orElseThrow(() -> new ResourceNotFoundException("No Group with id '" + id + "' in this organization"));
    }

    private static OrganizationId organization() {
        return ScimRequests.client().organizationId();
    }
}
