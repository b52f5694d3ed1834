package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

    /** The shape the check stands for: something, one @, something, no white space. */
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@]+@[^\\s@]+$");

    @Test
    void anEmailIsSomethingOneAtSignAndSomethingWithoutWhiteSpace() {
        assertThat(new EmailAddress("ada@example.com", "work", true, null).value())
                .isEqualTo("ada@example.com");
        for (String refused :
                new String[] {"ada", "@example.com", "ada@", "ada@@example.com", "a@b@c", "ada lovelace@x"}) {
            assertThatThrownBy(() -> EmailAddress.work(refused))
                    .as(refused)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("'" + refused + "' is not an email address");
        }
        // white space other than ASCII's is no white space to the check, as it was none to the pattern
        assertThat(EmailAddress.hasTheShapeOfOne("ada\u00A0x@example.com")).isTrue();
    }

    @Test
    void theCheckAgreesWithThePatternOnEveryText() {
        char[] alphabet = {'a', 'b', '@', '.', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u00A0', '\u2028', 'é'
        };
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            char[] text = new char[random.nextInt(7)];
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String value = new String(text);
            assertThat(EmailAddress.hasTheShapeOfOne(value))
                    .as("'%s'", value)
                    .isEqualTo(SHAPE.matcher(value).matches());
        }
    }
}
