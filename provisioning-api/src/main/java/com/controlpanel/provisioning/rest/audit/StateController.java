package com.controlpanel.provisioning.rest.audit;

import com.controlpanel.provisioning.directory.DirectoryAsOf;
import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.MemberState;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.directory.OrganizationState;
import com.controlpanel.provisioning.directory.TeamRow;
import com.controlpanel.provisioning.directory.TeamState;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.rest.Instants;
import com.controlpanel.provisioning.rest.OrganizationAccess;
import com.controlpanel.provisioning.rest.Params;
import com.controlpanel.provisioning.security.AdminUser;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/orgs/{org}/state?at=}: the organization (members with status and source, teams, memberships) exactly
 * as it was at an instant, folded from the event store; also one member or team as of an instant.
 */
@RestController
@RequestMapping("/api/orgs/{org}/state")
public class StateController {

    /**
     * The whole organization at an instant: {@code eventsApplied} events of the organization folded, starting from
     * the state kept at store position {@code foldedFrom} (0: from the first event). With {@code through} (an
     * event's store position), right after that event: the events of the instant stored after it do not count.
     */
    public record StateJson(
            Instant at,
            Long through,
            long eventsApplied,
            long foldedFrom,
            OrganizationJson organization,
            List<MemberJson> members,
            List<TeamJson> teams) {}

    /** The organization's settings at the instant; null if it did not exist yet. */
    public record OrganizationJson(String id, String name, boolean provisioningEnabled, Instant tokenIssuedAt) {}

    /**
     * A member at the instant. {@code profile}, only when one member is asked for, is its whole profile then: every
     * attribute the identity provider had sent, as SCIM stored it; the organization's state shows of each member what
     * its lists show.
     */
    public record MemberJson(
            String id,
            String userName,
            String email,
            String name,
            String source,
            String status,
            boolean active,
            List<String> teamIds,
            Instant createdAt,
            Instant lastModifiedAt,
            long version,
            @JsonInclude(JsonInclude.Include.NON_NULL) ProfileJson profile) {}

    /** A member's whole profile at the instant. */
    public record ProfileJson(
            String userName,
            NameJson name,
            String displayName,
            List<EmailJson> emails,
            String externalId,
            Map<String, Object> attributes) {

        static ProfileJson of(MemberProfile profile) {
            PersonName name = profile.name();
            return new ProfileJson(
                    profile.userName().value(),
                    new NameJson(
                            name.formatted(),
                            name.familyName(),
                            name.givenName(),
                            name.middleName(),
                            name.honorificPrefix(),
                            name.honorificSuffix()),
                    profile.displayName(),
                    profile.emails().stream()
                            .map(email -> new EmailJson(email.value(), email.type(), email.primary(), email.display()))
                            .toList(),
                    profile.externalId(),
                    profile.attributes());
        }
    }

    /** A member's name parts, as SCIM's {@code name}. */
    public record NameJson(
            String formatted,
            String familyName,
            String givenName,
            String middleName,
            String honorificPrefix,
            String honorificSuffix) {}

    /** One of a member's emails. */
    public record EmailJson(String value, String type, boolean primary, String display) {}

    /** A team at the instant. */
    public record TeamJson(
            String id,
            String name,
            String source,
            String externalId,
            int memberCount,
            List<String> memberIds,
            Instant createdAt,
            Instant lastModifiedAt,
            long version) {}

    private final OrganizationAccess access;
    private final DirectoryAsOf asOf;

    public StateController(OrganizationAccess access, DirectoryAsOf asOf) {
        this.access = access;
        this.asOf = asOf;
    }

    @GetMapping
    public StateJson state(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) Long through) {
        OrganizationRow organization = access.require(admin, org);
        Instant instant = Instants.notInTheFuture(at, "at");
        Long position = Params.position(through, "through");
        OrganizationState state = asOf.rightAfter(organization.organizationId(), instant, position);
        OrganizationRow then = state.organization();
        return new StateJson(
                state.at(),
                position,
                state.eventsApplied(),
                state.foldedFrom(),
                then == null
                        ? null
                        : new OrganizationJson(
                                then.organizationId().value(),
                                then.name(),
                                then.provisioningEnabled(),
                                then.tokenIssuedAt()),
                values(state.members(), StateController::member),
                values(state.teams(), StateController::team));
    }

    @GetMapping("/members/{id}")
    public MemberJson member(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) Long through) {
        OrganizationRow organization = access.require(admin, org);
        Instant instant = Instants.notInTheFuture(at, "at");
        return asOf.member(
                        organization.organizationId(), new MemberId(id), instant, Params.position(through, "through"))
                .map(state -> member(state, ProfileJson.of(state.member().profile())))
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        "member-not-found",
                        "No member with id " + id + " at " + Moments.text(instant)));
    }

    @GetMapping("/teams/{id}")
    public TeamJson team(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) Long through) {
        OrganizationRow organization = access.require(admin, org);
        Instant instant = Instants.notInTheFuture(at, "at");
        return asOf.team(organization.organizationId(), new TeamId(id), instant, Params.position(through, "through"))
                .map(StateController::team)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        "team-not-found",
                        "No team with id " + id + " at " + Moments.text(instant)));
    }

    private static MemberJson member(MemberState state) {
        return member(state, null);
    }

    private static MemberJson member(MemberState state, ProfileJson profile) {
        MemberRow row = state.member();
        return new MemberJson(
                row.memberId().value(),
                row.profile().userName().value(),
                row.profile().email(),
                row.profile().label(),
                row.source().name(),
                row.status().name(),
                row.active(),
                values(state.teamIds(), TeamId::value),
                row.createdAt(),
                row.lastModifiedAt(),
                row.version(),
                profile);
    }

    /** Each item mapped; a loop, not a stream: it runs for each of up to 100,000 members of a state. */
    private static <T, R> List<R> values(List<T> items, Function<T, R> value) {
        List<R> values = new ArrayList<>(items.size());
        for (T item : items) {
            values.add(value.apply(item));
        }
        return values;
    }

    private static TeamJson team(TeamState state) {
        TeamRow row = state.team();
        return new TeamJson(
                row.teamId().value(),
                row.displayName().value(),
                row.source().name(),
                row.externalId(),
                row.memberCount(),
                values(state.memberIds(), MemberId::value),
                row.createdAt(),
                row.lastModifiedAt(),
                row.version());
    }
}
