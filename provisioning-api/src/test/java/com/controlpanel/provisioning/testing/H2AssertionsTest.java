package com.controlpanel.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The tests run with Java assertions on, but not H2's (the build's {@code -da:org.h2...}): an assertion of H2's store
 * in 2.3.232 is wrong (h2database#4048) and, when it fires while a chunk is dropped, closes the database under a test.
 * The service itself runs without assertions.
 */
class H2AssertionsTest {

    @Test
    void h2sStoreRunsWithoutItsAssertionsWhileTheProjectsOwnAreOn() {
        assertThat(org.h2.mvstore.RandomAccessStore.class.desiredAssertionStatus())
                .as("assertions of H2's store")
                .isFalse();
        assertThat(H2AssertionsTest.class.desiredAssertionStatus())
                .as("assertions of the project's own classes")
                .isTrue();
    }
}
