package com.controlpanel.provisioning.ui.members;

import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.ui.layout.TextFields;

/** What the member page's edit form sends; {@code version} is the member's version the admin saw. */
public record MemberForm(String email, String givenName, String familyName, String displayName, Long version) {

    /**
     * The form as the member is: their first and last name, or, for a member known only by a whole name (SCIM's and
     * the JSON API's {@code name.formatted}), that name in the two fields: its first word, then the rest.
     */
    public static MemberForm of(MemberView member) {
        PersonName name = new PersonName(
                        member.formattedName(), member.familyName(), member.givenName(), null, null, null)
                .asParts();
        return new MemberForm(
                member.email(),
                nullToEmpty(name.givenName()),
                nullToEmpty(name.familyName()),
                nullToEmpty(member.displayName()),
                member.version());
    }

    /**
     * Whether the form's name is the one a form of the member showed, as its fields send it back (without line
     * breaks): then the admin did not change it.
     */
    boolean sameNameAs(MemberForm shown) {
        return TextFields.unchanged(givenName, shown.givenName())
                && TextFields.unchanged(familyName, shown.familyName());
    }

    /** The first name as its field shows it (a line break as a space: a one-line field can not hold one). */
    public String givenNameField() {
        return TextFields.shown(givenName);
    }

    public String familyNameField() {
        return TextFields.shown(familyName);
    }

    public String displayNameField() {
        return TextFields.shown(displayName);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
