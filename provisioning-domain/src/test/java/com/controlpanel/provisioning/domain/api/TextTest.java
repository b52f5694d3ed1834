package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What every name and identifier of the domain refuses, whichever edge it came in by, and what it must still read. */
class TextTest {

    @Test
    void controlCharactersAreRefusedLineBreaksOnlyInNames() {
        assertThatThrownBy(() -> new TeamName("bell\u0007")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new UserName("tab\t@example.com")).isInstanceOf(InvalidValueException.class);
        assertThat(PersonName.of("Ann\nMarie", null).givenName()).isEqualTo("Ann\nMarie");
    }

    @Test
    void aTeamsExternalIdIsBoundAsAMembersWhenItIsSetNotWhenAnEventIsRead() {
        String longest = "e".repeat(512);
        assertThat(new TeamChange.ChangeExternalId(" " + longest + " ").externalId())
                .isEqualTo(longest);
        assertThat(new TeamChange.ChangeExternalId("  ").externalId()).isNull();
        assertThatThrownBy(() -> new TeamChange.ChangeExternalId(longest + "e"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at most 512");
        assertThatThrownBy(() -> new ProvisionTeamCommand(
                        TeamId.random(), OrganizationId.random(), new TeamName("Long"), longest + "e", null))
                .isInstanceOf(InvalidValueException.class);
        // an event stored before the bound still reads
        assertThat(new TeamExternalIdChanged(null, null, null, longest + "e").externalId())
                .hasSize(513);
    }

    @Test
    void aLengthIsCountedAsItsColumnCountsItAndTheRefusalSaysAnEmojiCountsAsTwo() {
        String emoji = "\ud83d\ude00";
        // 129 characters to a reader, 257 to the column (H2 counts UTF-16 units)
        assertThatThrownBy(() -> new TeamName("g" + emoji.repeat(128)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("team name must be at most 256 characters (an emoji or another character beyond the"
                        + " Basic Multilingual Plane counts as two)");
        assertThat(new TeamName(emoji.repeat(128)).value()).hasSize(256);
        assertThatThrownBy(() -> new TeamName("g".repeat(257)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("team name must be at most 256 characters");
    }

    @Test
    void lookAlikesAreToldApartFromPlainText() {
        assertThat(LookAlikes.looksLikeAnother("ann@example.com")).isFalse();
        assertThat(LookAlikes.looksLikeAnother("Ann Smith")).isFalse();
        assertThat(LookAlikes.looksLikeAnother("jos\u00e9@example.com")).isFalse();
        assertThat(LookAlikes.looksLikeAnother("ann@example.com\u200b")).isTrue();
        assertThat(LookAlikes.why("ann@example.com\u200b")).contains("U+200B");
        assertThat(LookAlikes.looksLikeAnother("ann\u00a0smith")).isTrue();
        assertThat(LookAlikes.looksLikeAnother("\uff41nn@example.com")).isTrue();
        assertThat(LookAlikes.why("\uff41nn@example.com")).contains("'ann@example.com'");
        assertThat(LookAlikes.looksLikeAnother("jose\u0301@example.com")).isTrue();
    }

    @Test
    void halfASurrogatePairIsLeftToTheEdgesSoThatEventsRecordedBeforeTheyRefusedItAreStillRead() {
        // the SCIM and JSON API readers refuse it; an event that holds one (escaped in its JSON) must still load
        assertThat(new UserName("\ud800@example.com").value()).isEqualTo("\ud800@example.com");
        assertThat(new TeamName("Rockets \ud83d\ude80").value()).isEqualTo("Rockets 🚀");
    }
}
