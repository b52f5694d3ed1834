package com.controlpanel.provisioning.rest.members;

import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.MemberSummary;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A member as the JSON API shows it, with its source badge and whether the Control Panel may change it; {@code
 * attributes} are the others the identity provider sent (title, phone numbers, an extension's under its schema URN),
 * as sent.
 */
public record MemberJson(
        String id,
        String userName,
        String email,
        NameJson name,
        String displayName,
        String label,
        String externalId,
        Map<String, Object> attributes,
        String source,
        String status,
        boolean active,
        boolean readOnly,
        List<TeamRefJson> teams,
        Instant createdAt,
        Instant lastModifiedAt,
        long version) {

    /** A member's name parts. */
    public record NameJson(String givenName, String familyName, String formatted) {}

    /** A team a member is in. */
    public record TeamRefJson(String id, String name, String source) {
        static TeamRefJson of(TeamRef ref) {
            return new TeamRefJson(
                    ref.teamId().value(), ref.name(), ref.source().name());
        }
    }

    public static MemberJson of(MemberSummary summary) {
        MemberRow row = summary.member();
        MemberProfile profile = row.profile();
        return new MemberJson(
                row.memberId().value(),
                profile.userName().value(),
                profile.email(),
                new NameJson(
                        profile.name().givenName(),
                        profile.name().familyName(),
                        profile.name().formatted()),
                profile.displayName(),
                profile.label(),
                profile.externalId(),
                profile.attributes(),
                row.source().name(),
                row.status().name(),
                row.active(),
                summary.readOnly(),
                summary.teams().stream().map(TeamRefJson::of).toList(),
                row.createdAt(),
                row.lastModifiedAt(),
                row.version());
    }
}
