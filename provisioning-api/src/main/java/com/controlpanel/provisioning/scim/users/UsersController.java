package com.controlpanel.provisioning.scim.users;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.application.MemberDeletion;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.DirectorySearch;
import com.controlpanel.provisioning.directory.DirectorySearchQuery;
import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.SearchResult;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.domain.api.DeprovisionMemberCommand;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.ReplaceProvisionedMemberCommand;
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
import com.controlpanel.provisioning.web.RetryPauses;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
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
 * {@code <tenant URL>/Users}: the organization's members as SCIM Users. Reads show every member of the organization
 * (provisioned and invited); a write to a member invited by an admin takes it over first (Okta found it by its
 * userName): it is provisioned from then on. Every write is one command, recorded with the organization's SCIM
 * integration as actor and the request id.
 */
@RestController
@RequestMapping("/scim/v2/{tenant}/Users")
public class UsersController {

    /**
     * How long a PATCH without If-Match is applied again when a change from elsewhere gets in between its read and
     * its write. Not a number of attempts: on several nodes, each node's PATCHes of one User take turns and the other
     * node's get in between one after another, and five attempts ran out (a few in thirty answered 503).
     */
    private static final Duration PATCH_RETRY_FOR = Duration.ofSeconds(10);

    /** The longest pause before a PATCH is applied again, so that two nodes' retries do not meet again and again. */
    private static final int PATCH_RETRY_PAUSE_MAX_MS = 40;

    /**
     * PATCHes of one User on this node take turns (by the User's id, in stripes): each reads the User, computes the
     * patched User and sends it with the version read, so two at once would make one of them read again, and twenty
     * at once ran out of attempts. Changes from elsewhere (another node, a PUT, an admin) are still caught by the
     * version and retried.
     */
    private static final int PATCH_STRIPES = 64;

    private static final Duration PATCH_TURN_WAIT = Duration.ofSeconds(20);

    private final ReentrantLock[] patchTurns =
            IntStream.range(0, PATCH_STRIPES).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);

    private final Commands commands;
    private final MemberDeletion deletion;
    private final DirectorySearch search;
    private final DirectoryQueries queries;
    private final ScimRequests requests;
    private final ScimProperties properties;
    private final PublicUrls urls;

    public UsersController(
            Commands commands,
            MemberDeletion deletion,
            DirectorySearch search,
            DirectoryQueries queries,
            ScimRequests requests,
            ScimProperties properties,
            PublicUrls urls) {
        this.commands = commands;
        this.deletion = deletion;
        this.search = search;
        this.queries = queries;
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
        UserJson.Input input = UserJson.readSent(requests.body(request));
        OrganizationId organization = organization();
        MemberId memberId = MemberId.random();
        commands.send(
                ScimRequests.context(request),
                new ProvisionMemberCommand(
                        memberId, organization, input.profile(), input.active() == null || input.active()));
        MemberRow row = search.member(organization, memberId).orElseThrow();
        ScimLinks links = ScimLinks.of(request, urls);
        ObjectNode user = UserJson.write(row, List.of(), true, links);
        return ScimResponses.resource(
                HttpStatus.CREATED,
                AttributeSelection.of(request).apply(user),
                ETags.of(row, List.of()),
                links.user(memberId.value()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<byte[]> get(@PathVariable String id, HttpServletRequest request) throws ScimException {
        MemberRow row = existing(id);
        List<TeamRef> teams = teamsOf(row);
        String etag = ETags.of(row, teams);
        if (ETags.matchMisses(request, etag)) {
            throw new PreconditionFailedException("The User is at " + etag + ", not an ETag in If-Match");
        }
        if (ETags.noneMatchHits(request, etag)) {
            return ScimResponses.notModified(etag);
        }
        return answer(HttpStatus.OK, row, teams, request);
    }

    @PutMapping("/{id}")
    public ResponseEntity<byte[]> replace(@PathVariable String id, HttpServletRequest request) throws ScimException {
        UserJson.Input input = UserJson.readSent(requests.body(request));
        MemberRow current = existing(id);
        if (input.id() != null && !input.id().equals(id)) {
            throw BadRequestException.mutability(
                    "id is read-only: the body's id '" + input.id() + "' is not the id in the URL");
        }
        boolean active = input.active() == null ? current.active() : input.active();
        commands.send(
                ScimRequests.context(request),
                new ReplaceProvisionedMemberCommand(
                        current.memberId(),
                        organization(),
                        input.profile(),
                        active,
                        ETags.ifMatch(request, current, () -> teamsOf(current))));
        return answer(HttpStatus.OK, existing(id), request);
    }

    @PatchMapping("/{id}")
    public ResponseEntity<byte[]> patch(@PathVariable String id, HttpServletRequest request) throws ScimException {
        List<PatchRequestBody.Operation> operations = PatchRequestBody.operations(requests.body(request));
        ReentrantLock turn = patchTurns[Math.floorMod(id.hashCode(), PATCH_STRIPES)];
        try {
            if (!turn.tryLock(PATCH_TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ScimException(503, null, "The User is being changed by many requests at once: retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScimException(503, null, "The service is stopping: retry");
        }
        try {
            return patchInTurn(id, operations, request);
        } finally {
            turn.unlock();
        }
    }

    private ResponseEntity<byte[]> patchInTurn(
            String id, List<PatchRequestBody.Operation> operations, HttpServletRequest request) throws ScimException {
        ScimLinks links = ScimLinks.of(request, urls);
        long retryUntil = System.nanoTime() + PATCH_RETRY_FOR.toNanos();
        for (int attempt = 1; ; attempt++) {
            MemberRow current = existing(id);
            Long ifMatch = ETags.ifMatch(request, current, () -> teamsOf(current));
            if (ifMatch != null && ifMatch != current.version()) {
                throw new PreconditionFailedException("The User is at version " + ETags.of(current, teamsOf(current))
                        + ", not the one in If-Match: read it again and retry");
            }
            UserJson.Input input = UserPatch.read(UserJson.write(current, List.of(), false, links), operations, id);
            boolean active = input.active() == null ? current.active() : input.active();
            try {
                // The version read is the one the changes were computed on: a change in between is not overwritten.
                commands.send(
                        ScimRequests.context(request),
                        new ReplaceProvisionedMemberCommand(
                                current.memberId(), organization(), input.profile(), active, current.version()));
                return answer(HttpStatus.OK, existing(id), request);
            } catch (RuntimeException e) {
                var taken = Failures.domainCause(e).filter(d -> d.errorCode() == ErrorCode.USER_NAME_TAKEN);
                if (taken.isPresent()) {
                    // named as any other refused operation is: the one that gave the userName another User has
                    var naming = UserPatch.lastSetting(operations, "userName");
                    if (naming.isPresent()) {
                        throw ResourceConflictException.uniqueness(
                                naming.get().describe() + ": " + taken.get().getMessage());
                    }
                }
                if (ifMatch != null
                        || Failures.cause(e, ConflictingAggregateVersionException.class)
                                .isEmpty()) {
                    throw e;
                }
                if (System.nanoTime() - retryUntil > 0) {
                    // The client set no precondition: this is no 412, but a busy resource to try again.
                    throw new ScimException(503, null, "The User kept changing while this PATCH was applied: retry");
                }
                pauseBeforeRetry(attempt);
            }
        }
    }

    /** A pause of random length, longer with each attempt (up to {@link #PATCH_RETRY_PAUSE_MAX_MS}). */
    private static void pauseBeforeRetry(int attempt) throws ScimException {
        try {
            RetryPauses.pause(attempt, PATCH_RETRY_PAUSE_MAX_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScimException(503, null, "The service is stopping: retry");
        }
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<byte[]> delete(@PathVariable String id, HttpServletRequest request) throws ScimException {
        MemberRow current = existing(id);
        deletion.delete(
                ScimRequests.context(request),
                organization(),
                current.memberId(),
                new DeprovisionMemberCommand(
                        current.memberId(), organization(), ETags.ifMatch(request, current, () -> teamsOf(current))));
        return ScimResponses.noContent();
    }

    private ResponseEntity<byte[]> list(ListRequest list, HttpServletRequest request) throws ScimException {
        var query = new DirectorySearchQuery(
                organization(),
                FilterTranslator.users(list.filter()),
                FilterTranslator.userSortBy(list.sortBy()),
                list.descending(),
                list.offset(),
                list.count());
        SearchResult<MemberRow> found = search.members(query, properties.searchTimeout());
        AttributeSelection selection = AttributeSelection.of(list);
        // every User's teams, also when its groups are not shown: its version depends on them
        Map<MemberId, List<TeamRef>> teams =
                queries.teamsOf(found.items().stream().map(MemberRow::memberId).toList());
        ScimLinks links = ScimLinks.of(request, urls);
        boolean withGroups = selection.returns("groups");
        List<ObjectNode> users = new ArrayList<>(found.items().size());
        for (MemberRow row : found.items()) {
            users.add(selection.apply(
                    UserJson.write(row, teams.getOrDefault(row.memberId(), List.of()), withGroups, links)));
        }
        return ScimResponses.list(found.total(), list.startIndex(), users);
    }

    private ResponseEntity<byte[]> answer(HttpStatus status, MemberRow row, HttpServletRequest request) {
        return answer(status, row, teamsOf(row), request);
    }

    private ResponseEntity<byte[]> answer(
            HttpStatus status, MemberRow row, List<TeamRef> teams, HttpServletRequest request) {
        AttributeSelection selection = AttributeSelection.of(request);
        ObjectNode user = UserJson.write(row, teams, selection.returns("groups"), ScimLinks.of(request, urls));
        return ScimResponses.resource(status, selection.apply(user), ETags.of(row, teams), null);
    }

    /** Every team of this member: shown as its groups, and part of its version. */
    private List<TeamRef> teamsOf(MemberRow row) {
        return queries.teamsOf(List.of(row.memberId())).getOrDefault(row.memberId(), List.of());
    }

    /** The member of the calling organization with this id: 404 if there is none (or it is another's). */
    private MemberRow existing(String id) throws ResourceNotFoundException {
        MemberId memberId;
        try {
            memberId = new MemberId(id);
        } catch (InvalidValueException e) {
            throw new ResourceNotFoundException("No User with id '" + id + "' in this organization");
        }
        return search.member(organization(), memberId)
                .orElseThrow(() -> new ResourceNotFoundException("No User with id '" + id + "' in this organization"));
    }

    private static OrganizationId organization() {
        return ScimRequests.client().organizationId();
    }
}
