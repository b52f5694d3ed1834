package com.controlpanel.provisioning.domain.api;

import java.util.LinkedHashSet;
import java.util.List;

/** One change to a pushed team, as a SCIM PATCH operation or a PUT amounts to. */
public sealed interface TeamChange {

    /** Give the team a new display name. */
    record Rename(TeamName displayName) implements TeamChange {}

    /** Set (or clear, with null) the identity provider's id for the team. */
    record ChangeExternalId(String externalId) implements TeamChange {
        public ChangeExternalId {
            externalId = checkedExternalId(externalId);
        }
    }

    /** Add these members; those already in the team are left as they are. */
    record AddMembers(List<MemberId> memberIds) implements TeamChange {
        public AddMembers {
            memberIds = distinct(memberIds);
        }
    }

    /** Remove these members; those not in the team are ignored. */
    record RemoveMembers(List<MemberId> memberIds) implements TeamChange {
        public RemoveMembers {
            memberIds = distinct(memberIds);
        }
    }

    /** The team's members become exactly these. */
    record ReplaceMembers(List<MemberId> memberIds) implements TeamChange {
        public ReplaceMembers {
            memberIds = distinct(memberIds);
        }
    }

    /** A team's external id as kept: stripped, blank as none, at most 512 characters as a member's. */
    static String checkedExternalId(String externalId) {
        return Text.optional(externalId, "externalId", 512);
    }

    /** The ids in the order given, each once. */
    static List<MemberId> distinct(List<MemberId> memberIds) {
        return memberIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(memberIds));
    }
}
