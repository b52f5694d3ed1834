package com.controlpanel.provisioning.ui.members;

/** What the member page's edit form sends; {@code version} is the member's version the admin saw. */
public record MemberForm(String email, String givenName, String familyName, String displayName, Long version) {

    /**
     * The form as the member is: their first and last name, or, for a member known only by a whole name (SCIM's and
     * the JSON API's {@code name.formatted}), that name in the two fields: its first word, then the rest.
     */
    public static MemberForm of(MemberView member) {
        String given = member.givenName();
        String family = member.familyName();
        if (given == null && family == null && member.formattedName() != null) {
            String[] words = member.formattedName().strip().split("\\s+", 2);
            given = words[0];
            family = words.length > 1 ? words[1] : null;
        }
        return new MemberForm(
                member.email(),
                nullToEmpty(given),
                nullToEmpty(family),
                nullToEmpty(member.displayName()),
                member.version());
    }

    /** Whether the form's name is the one a form of the member showed: then the admin did not change it. */
    boolean sameNameAs(MemberForm shown) {
        return blankToEmpty(givenName).equals(blankToEmpty(shown.givenName()))
                && blankToEmpty(familyName).equals(blankToEmpty(shown.familyName()));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
