package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What every name and identifier of the domain refuses, whichever edge it came in by. */
class TextTest {

    @Test
    void halfASurrogatePairIsRefusedAWholeOneIsText() {
        assertThatThrownBy(() -> new UserName("\ud800@example.com"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("half of a surrogate pair")
                .hasMessageContaining("\\ud800");
        assertThatThrownBy(() -> new TeamName("Team \udc00"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("half of a surrogate pair");
        assertThatThrownBy(() -> new TeamName("Reversed \udc00\ud800")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PersonName.of("Ann\ud83d", null)).isInstanceOf(InvalidValueException.class);
        assertThat(new TeamName("Rockets \ud83d\ude80").value()).isEqualTo("Rockets 🚀");
    }

    @Test
    void controlCharactersAreRefusedLineBreaksOnlyInNames() {
        assertThatThrownBy(() -> new TeamName("bell\u0007")).isInstanceOf(InvalidValueException.class);
        assertThat(PersonName.of("Ann\nMarie", null).givenName()).isEqualTo("Ann\nMarie");
    }
}
