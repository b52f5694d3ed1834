package com.controlpanel.provisioning.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words the member search matches by prefix: runs of letters and digits with their marks, lower-cased. */
class ProfileIndexWordsTest {

    @Test
    void punctuationAndSpacesPartWordsAndLettersAreLowerCased() {
        assertThat(ProfileIndex.splitWords("Zoë O'Brien-Smith, Jr. 2nd"))
                .containsExactly("zoë", "o", "brien", "smith", "jr", "2nd");
    }

    /** A letter outside the Basic Multilingual Plane is one letter (two chars), not a break in the word. */
    @Test
    void lettersBeyondTheBasicPlaneStayInTheirWord() {
        assertThat(ProfileIndex.splitWords("𝒜da 𠀋x")).containsExactly("𝒜da", "𠀋x");
    }

    /** A vowel sign of Devanagari belongs to its word; a mark with no letter before it starts none. */
    @Test
    void marksStayWithTheirLetters() {
        assertThat(ProfileIndex.splitWords("नमस्ते जी")).containsExactly("नमस्ते", "जी");
        assertThat(ProfileIndex.splitWords("\u0301abc")).containsExactly("abc");
    }
}
