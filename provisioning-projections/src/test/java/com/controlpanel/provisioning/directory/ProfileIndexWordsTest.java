package com.controlpanel.provisioning.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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

    /** Numbers in names sort by their values, wherever they stand; letters, spaces and punctuation as before. */
    @Test
    void theNumbersInANameSortByTheirValues() {
        assertThat(ProfileIndex.orderKey("Team 2")).isEqualTo("team 012");
        assertThat(ProfileIndex.orderKey("Team 10")).isEqualTo("team 0210");
        assertThat(ProfileIndex.orderKey("R2-D2 007")).isEqualTo("r012-d012 017");
        assertThat(ProfileIndex.orderKey("Zero 000")).isEqualTo("zero 010");
        // fullwidth and superscript digits are folded to ASCII ones first
        assertThat(ProfileIndex.orderKey("Team \uFF11\uFF10")).isEqualTo("team 0210");
        assertThat(ProfileIndex.orderKey("Room \u00B2")).isEqualTo("room 012");

        List<String> names = List.of(
                "Team",
                "Team 1",
                "Team 1.5",
                "Team 1.10",
                "Team 2",
                "Team 02b",
                "Team 9",
                "Team 10",
                "Team 100",
                "Team 1000000000000",
                "Team a",
                "Team a2",
                "Team a10",
                "Team b",
                "Team-3",
                "Teams");
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.sort(Comparator.comparing(ProfileIndex::orderKey));
        assertThat(shuffled).containsExactlyElementsOf(names);

        // a run too long to count is counted as 99 digits, and the key stays within its length
        String longNumber = "9".repeat(300);
        assertThat(ProfileIndex.orderKey(longNumber)).startsWith("99999").hasSize(256);
        assertThat(ProfileIndex.hasNumber("Équipe ²")).isTrue();
        assertThat(ProfileIndex.hasNumber("Équipe B")).isFalse();
    }
}
