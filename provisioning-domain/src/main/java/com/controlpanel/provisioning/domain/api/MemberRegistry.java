package com.controlpanel.provisioning.domain.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the command side's own lookup of an organization's members, written in the same transaction as their events.
 * It is what makes userNames unique and lets a team check a member it is given; never a read model.
 */
public interface MemberRegistry {

    Optional<RegisteredMember> find(OrganizationId organizationId, MemberId memberId);

    /** The members of the organization among these ids; ids of other organizations or of no member are left out. */
    Map<MemberId, RegisteredMember> findAll(OrganizationId organizationId, Collection<MemberId> memberIds);

    /**
     * The member using this userName, compared case-insensitively. Where two do (both stored before such keys were
     * case-folded, one kept its former key), the one holding the key comes first.
     */
    Optional<MemberId> findByUserName(OrganizationId organizationId, UserName userName);

    /**
     * What a team needs to know of a member; its userName as compared (its case-insensitive key), to name it in a refusal.
     */
    record RegisteredMember(MemberId memberId, Source source, String userNameKey) {}
}
