package com.controlpanel.provisioning.directory;

/**
 * The names of one slot's directory tables. The directory has two slots, {@code a} and {@code b}: one is live, the
 * other is where a rebuild writes before it is switched live.
 */
record DirectoryTables(
        String slot,
        String organization,
        String member,
        String memberAttribute,
        String memberTerm,
        String team,
        String membership) {

    static DirectoryTables of(String slot) {
        if (!slot.equals("a") && !slot.equals("b")) {
            throw new IllegalArgumentException("No directory slot " + slot);
        }
        return new DirectoryTables(
                slot,
                "dir_organization_" + slot,
                "dir_member_" + slot,
                "dir_member_attr_" + slot,
                "dir_member_term_" + slot,
                "dir_team_" + slot,
                "dir_membership_" + slot);
    }

    DirectoryTables other() {
        return of(slot.equals("a") ? "b" : "a");
    }

    String[] all() {
        return new String[] {organization, member, memberAttribute, memberTerm, team, membership};
    }
}
