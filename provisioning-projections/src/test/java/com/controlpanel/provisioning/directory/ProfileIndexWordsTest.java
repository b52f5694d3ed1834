package com.controlpanel.provisioning.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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

    /** ASCII text takes a shorter way; every ASCII character splits and lower-cases as the general way has it. */
    @Test
    void asciiTextSplitsAsTheGeneralWayDoes() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c).append("Ab9").append(c);
        }
        assertThat(ProfileIndex.splitWords(every.toString()))
                .isEqualTo(ProfileIndex.wordsByCodePoint(every.toString()))
                .contains("ab9");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            char[] text = new char[random.nextInt(12)];
            for (int j = 0; j < text.length; j++) {
                text[j] = (char) random.nextInt(0x80);
            }
            String ascii = new String(text);
            assertThat(ProfileIndex.splitWords(ascii)).as(ascii).isEqualTo(ProfileIndex.wordsByCodePoint(ascii));
        }
    }

    /** The key a name is sorted by: lower-cased and without accents, at most 256 chars, never half a character. */
    @Test
    void aNameIsSortedByItsFoldedTextCutWhole() {
        assertThat(ProfileIndex.orderKey("Émile Łódź-STRAßE")).isEqualTo("emile lodz-strasse");
        // folding spells ß out as two letters: the key is cut, before a character of two chars rather than in it
        String name = "ß".repeat(127) + "a𠀋b";
        assertThat(ProfileIndex.orderKey(name))
                .isEqualTo("ss".repeat(127) + "a")
                .hasSize(255);
        assertThat(ProfileIndex.orderKey("ß".repeat(200))).hasSize(256);
    }
}
