package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A name as an admin edits it: first and last name. */
class PersonNameTest {

    @Test
    void aNameKnownOnlyAsAWholeIsHeldAsItsFirstWordAndTheRest() {
        assertThat(new PersonName("  Ada   Lovelace King ", null, null, null, null, null).asParts())
                .isEqualTo(PersonName.of("Ada", "Lovelace King"));
        assertThat(new PersonName("Plato", null, null, null, null, null).asParts())
                .isEqualTo(PersonName.of("Plato", null));
    }

    @Test
    void aNameWithPartsKeepsThemAndItsOtherPartsButNotItsWholeName() {
        assertThat(new PersonName("Dr. Ada Lovelace", "Lovelace", "Ada", "Augusta", "Dr.", null).asParts())
                .isEqualTo(new PersonName(null, "Lovelace", "Ada", "Augusta", "Dr.", null));
        assertThat(PersonName.EMPTY.asParts()).isEqualTo(PersonName.EMPTY);
    }
}
