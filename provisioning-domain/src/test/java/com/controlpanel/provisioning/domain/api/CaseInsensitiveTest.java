package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaseInsensitiveTest {

    @Test
    void greeksTwoSmallSigmasAndItsCapitalShareAKey() {
        // lower-casing alone makes "oς@x.com" of a final capital sigma, and keeps it apart from "oσ@x.com"
        assertThat("OΣ@x.com".toLowerCase(Locale.ROOT)).isEqualTo("oς@x.com");
        assertThat(CaseInsensitive.key("oς@x.com"))
                .isEqualTo(CaseInsensitive.key("oσ@x.com"))
                .isEqualTo(CaseInsensitive.key("OΣ@X.COM"))
                .isEqualTo("oσ@x.com");
        assertThat(new UserName("Οδυσσέας@x.com").sameAs(new UserName("ΟΔΥΣΣΈΑΣ@X.COM")))
                .isTrue();
        assertThat(new TeamName("Ομάδες").key()).isEqualTo(new TeamName("ΟΜΆΔΕΣ").key());
    }

    @Test
    void otherLettersWithTwoSmallFormsOfOneCapitalShareAKey() {
        assertThat(CaseInsensitive.key("ſam")).isEqualTo("sam");
        assertThat(CaseInsensitive.key("5µm")).isEqualTo(CaseInsensitive.key("5μm"));
        assertThat(CaseInsensitive.key("ϐ")).isEqualTo("β");
        assertThat(CaseInsensitive.key("ẛ")).isEqualTo("ṡ");
    }

    @Test
    void theCharsAKeyWritesAsOthersTranslateALowerCasedTextIntoItsKey() {
        assertThat(CaseInsensitive.FOLDED_FROM)
                .hasSameSizeAs(CaseInsensitive.FOLDED_TO)
                .contains("ς", "ſ", "µ");
        assertThat(CaseInsensitive.FOLDED_TO).contains("σ", "s", "μ").doesNotContain("ς");
        for (String text : List.of("ΟΔΥΣΣΕΥΣ", "Οδυσσεύς", "ſam µ", "Émile Zola", "ϐϑϕϖϰϱϵ ẛ", "Iı")) {
            String lowerCased = text.toLowerCase(Locale.ROOT);
            StringBuilder translated = new StringBuilder();
            for (char c : lowerCased.toCharArray()) {
                int at = CaseInsensitive.FOLDED_FROM.indexOf(c);
                translated.append(at < 0 ? c : CaseInsensitive.FOLDED_TO.charAt(at));
            }
            assertThat(translated.toString()).as(text).isEqualTo(CaseInsensitive.key(text));
        }
    }

    @Test
    void turkishsDotlessIStaysAnotherLetter() {
        assertThat(CaseInsensitive.key("yıldız")).isEqualTo("yıldız").isNotEqualTo(CaseInsensitive.key("yildiz"));
    }

    @Test
    void twoTextsShareAKeyExactlyWhenJavaComparesThemEqualIgnoringCaseTheDotlessIAside() {
        Random random = new Random(19);
        char[] letters = "aAsSσςΣſµμΜıiIİkKKéÉßẞ".toCharArray();
        for (int n = 0; n < 20_000; n++) {
            String one = word(random, letters);
            String other = word(random, letters);
            boolean equalIgnoringCase = one.replace('ı', '#').equalsIgnoreCase(other.replace('ı', '#'));
            if (one.indexOf('İ') < 0 && other.indexOf('İ') < 0) {
                assertThat(CaseInsensitive.key(one).equals(CaseInsensitive.key(other)))
                        .as("%s and %s", one, other)
                        .isEqualTo(equalIgnoringCase);
            }
        }
    }

    @Test
    void asciiIsLowerCasedAndEveryKeyKeepsTheLengthOfItsLowerCase() {
        assertThat(CaseInsensitive.key("Ann.Lee@Example.COM")).isEqualTo("ann.lee@example.com");
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "x" + (char) c + "Y";
            assertThat(CaseInsensitive.key(text)).hasSameSizeAs(text.toLowerCase(Locale.ROOT));
            assertThat(CaseInsensitive.key(CaseInsensitive.key(text)))
                    .as("a key is its own key: U+%04X", c)
                    .isEqualTo(CaseInsensitive.key(text));
        }
    }

    @Test
    void aKeyStoredByLowerCasingAloneIsToldAndMadeAgainFromItself() {
        for (String text : new String[] {"OΣ@x.com", "ſam", "µ", "Ann"}) {
            String before = text.toLowerCase(Locale.ROOT);
            assertThat(CaseInsensitive.foldsFurther(before)).isEqualTo(!before.equals(CaseInsensitive.key(text)));
            assertThat(CaseInsensitive.key(before)).isEqualTo(CaseInsensitive.key(text));
        }
    }

    private static String word(Random random, char[] letters) {
        StringBuilder word = new StringBuilder();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            word.append(letters[random.nextInt(letters.length)]);
        }
        return word.toString();
    }
}
