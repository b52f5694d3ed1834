package com.controlpanel.provisioning.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The initials a member's or team's avatar shows. */
class AvatarTest {

    @Test
    void theFirstLettersOfTheFirstTwoWords() {
        assertThat(Avatar.initials("Ada Lovelace")).isEqualTo("AL");
        assertThat(Avatar.initials("grace.hopper@example.com")).isEqualTo("GH");
        assertThat(Avatar.initials("Zoë Ærøskøbing-Ñúñez")).isEqualTo("ZÆ");
        assertThat(Avatar.initials("Engineering")).isEqualTo("E");
    }

    @Test
    void bracketsPunctuationAndEverySpaceSeparateWordsAndAreNoInitial() {
        assertThat(Avatar.initials("Engineering (old)")).isEqualTo("EO");
        assertThat(Avatar.initials("<Sales> & more")).isEqualTo("SM");
        assertThat(Avatar.initials("Tab\u00A0name")).isEqualTo("TN");
        assertThat(Avatar.initials("\"Quoted\" team")).isEqualTo("QT");
    }

    @Test
    void aNameWithoutWordsShowsItsFirstCharacterWhole() {
        assertThat(Avatar.initials("😀😀 🚀")).isEqualTo("😀");
        assertThat(Avatar.initials("   ")).isEqualTo("?");
        assertThat(Avatar.initials("\u00A0\u200B")).isEqualTo("?");
        assertThat(Avatar.initials(null)).isEqualTo("?");
    }
}
