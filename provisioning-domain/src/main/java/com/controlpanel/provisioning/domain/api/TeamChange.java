package com.controlpanel.provisioning.domain.api;

import java.util.Set;

/** One change to a pushed team, as a SCIM PATCH operation or a PUT amounts to. */
public sealed interface TeamChange {

    /** Give the team a new display name. */
    record Rename(TeamName displayName) implements TeamChange {}

    /** Set (or clear, with null) the identity provider's id for the team. */
    record ChangeExternalId(String externalId) implements TeamChange {}

    /** Add these members; those already in the team are left as they are. */
    record AddMembers(Set<MemberId> memberIds) implements TeamChange {
        public AddMembers {
            memberIds = Set.copyOf(memberIds);
        }
    }

    /** Remove these members; those not in the team are ignored. */
    record RemoveMembers(Set<MemberId> memberIds) implements TeamChange {
        public RemoveMembers {
            memberIds = Set.copyOf(memberIds);
        }
    }

    /** The team's members become exactly these. */
    record ReplaceMembers(Set<MemberId> memberIds) implements TeamChange {
        public ReplaceMembers {
            memberIds = Set.copyOf(memberIds);
        }
    }
}
