package com.controlpanel.provisioning.ui.members;

import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.ui.layout.TextFields;

/** What the member page's edit form sends; {@code version} is the member's version the admin saw. */
public record MemberForm(String email, String givenName, String familyName, String displayName, Long version) {

    /**
     * The form as the member is: their first and last name, or, for a member known only by a whole name (SCIM's and
     * the JSON API's {@code name.formatted}), that name in the two fields: its first word, then the rest.
     */
    public static MemberForm of(MemberView member) {
        return of(
                member.email(),
                new PersonName(member.formattedName(), member.familyName(), member.givenName(), null, null, null),
                member.displayName(),
                member.version());
    }

    /** The form of a member with this profile at this version (as the page showed it then). */
    public static MemberForm of(MemberProfile profile, long version) {
        PersonName name = profile.name();
        return of(
                profile.email(),
                new PersonName(name.formatted(), name.familyName(), name.givenName(), null, null, null),
                profile.displayName(),
                version);
    }

    private static MemberForm of(String email, PersonName name, String displayName, long version) {
        PersonName parts = name.asParts();
        return new MemberForm(
                email,
                nullToEmpty(parts.givenName()),
                nullToEmpty(parts.familyName()),
                nullToEmpty(displayName),
                version);
    }

    /**
     * This form, sent on a member {@code then} showed and refused because the member changed since, merged onto the
     * member as it is {@code now}: each field the admin changed keeps what they typed, every other shows the member
     * as it is now; at the member's version now, so that saving it again is a decision made on what is there.
     */
    MemberForm mergedOnto(MemberForm then, MemberForm now) {
        return new MemberForm(
                TextFields.unchanged(email, then.email) ? now.email : email,
                TextFields.unchanged(givenName, then.givenName) ? now.givenName : givenName,
                TextFields.unchanged(familyName, then.familyName) ? now.familyName : familyName,
                TextFields.unchanged(displayName, then.displayName) ? now.displayName : displayName,
                now.version);
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
