package com.controlpanel.provisioning.ui.members;

/** What the member page's edit form sends; {@code version} is the member's version the admin saw. */
public record MemberForm(String email, String givenName, String familyName, String displayName, Long version) {

    public static MemberForm of(MemberView member) {
        return new MemberForm(
                member.email(),
                nullToEmpty(member.givenName()),
                nullToEmpty(member.familyName()),
                nullToEmpty(member.displayName()),
                member.version());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
