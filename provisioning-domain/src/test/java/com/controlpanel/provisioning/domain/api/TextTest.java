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
    void halfASurrogatePairIsLeftToTheEdgesSoThatEventsRecordedBeforeTheyRefusedItAreStillRead() {
        // the SCIM and JSON API readers refuse it; an event that holds one (escaped in its JSON) must still load
        assertThat(new UserName("\ud800@example.com").value()).isEqualTo("\ud800@example.com");
        assertThat(new TeamName("Rockets \ud83d\ude80").value()).isEqualTo("Rockets 🚀");
    }
}
