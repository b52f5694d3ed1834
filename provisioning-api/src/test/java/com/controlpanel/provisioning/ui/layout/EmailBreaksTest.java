package com.controlpanel.provisioning.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailBreaksTest {

    @Test
    void anAddressMayWrapAfterItsAtAndBeforeEachInnerDot() {
        assertThat(EmailBreaks.html("ann.lee@example-corp.co.uk"))
                .isEqualTo("ann<wbr>.lee@<wbr>example-corp<wbr>.co<wbr>.uk");
    }

    @Test
    void anAddressInASentenceGetsItsPlacesButNotThePunctuationAroundIt() {
        assertThat(EmailBreaks.html("Provisioned member Ann Lee (ann.lee@example.com). Done."))
                .isEqualTo("Provisioned member Ann Lee (ann<wbr>.lee@<wbr>example<wbr>.com). Done.");
    }

    @Test
    void textWithoutAnAddressIsOnlyEscaped() {
        assertThat(EmailBreaks.html("J.R.R. Tolkien & <Co>")).isEqualTo("J.R.R. Tolkien &amp; &lt;Co&gt;");
        assertThat(EmailBreaks.html("Updated team Eng: name.familyName"))
                .isEqualTo("Updated team Eng: name.familyName");
    }

    @Test
    void whatIsAroundAnAddressAndInItIsEscaped() {
        assertThat(EmailBreaks.html("<b>x</b>@evil.com \"q\"@a.b"))
                .isEqualTo("&lt;b&gt;x&lt;/b&gt;@evil<wbr>.com &quot;q&quot;@a<wbr>.b");
    }

    @Test
    void partsJoinedByHyphenUnderscoreOrPlusKeepTheirPlaces() {
        assertThat(EmailBreaks.html("a-b@c_d.e+f")).isEqualTo("a-b@<wbr>c_d<wbr>.e+f");
    }

    @Test
    void anAtOrDotAtAnEndOfTheWordIsNoPlace() {
        assertThat(EmailBreaks.html("@ann. .x@ y@")).isEqualTo("@ann. .x@ y@");
    }

    @Test
    void whitespaceOfEveryKindStaysAsItIs() {
        assertThat(EmailBreaks.html("a@b.c\n\td@e.f  ")).isEqualTo("a@<wbr>b<wbr>.c\n\td@<wbr>e<wbr>.f  ");
    }

    @Test
    void nothingIsEmpty() {
        assertThat(EmailBreaks.html(null)).isEmpty();
        assertThat(EmailBreaks.html("")).isEmpty();
    }
}
