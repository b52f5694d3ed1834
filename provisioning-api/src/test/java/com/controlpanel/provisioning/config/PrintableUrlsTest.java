package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableUrlsTest {

    @Test
    void aPasswordIsNotPrintedWhereverTheUrlHoldsIt() {
        assertThat(PrintableUrls.withoutPassword("jdbc:postgresql://db:5432/p?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/p?user=u&password=***&ssl=true");
        assertThat(PrintableUrls.withoutPassword("jdbc:postgresql://u:s3cret@db:5432/p"))
                .isEqualTo("jdbc:postgresql://u:***@db:5432/p");
        // an @ in the password: all of it up to the host
        assertThat(PrintableUrls.withoutPassword("postgres://u:s3c@ret@db/p")).isEqualTo("postgres://u:***@db/p");
        // a user without a password, a port, an @ later in the URL: nothing to hide
        assertThat(PrintableUrls.withoutPassword("postgres://u@db:5432/p")).isEqualTo("postgres://u@db:5432/p");
        assertThat(PrintableUrls.withoutPassword("jdbc:postgresql://db:5432/p?options=a@b"))
                .isEqualTo("jdbc:postgresql://db:5432/p?options=a@b");
        assertThat(PrintableUrls.withoutPassword("jdbc:h2:file:/data/provisioning"))
                .isEqualTo("jdbc:h2:file:/data/provisioning");
    }
}
