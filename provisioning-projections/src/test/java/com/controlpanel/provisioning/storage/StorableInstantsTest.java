package com.controlpanel.provisioning.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An instant as a timestamp column takes it: the same moment, in UTC, as {@code atOffset(ZoneOffset.UTC)} gives. */
class StorableInstantsTest {

    @Test
    void anInstantInUtcIsWhatAtOffsetGives() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    StorableInstants.EARLIEST.getEpochSecond()
                            + (long) (random.nextDouble()
                                    * (StorableInstants.LATEST.getEpochSecond()
                                            - StorableInstants.EARLIEST.getEpochSecond())),
                    random.nextInt(1_000_000_000));
            assertThat(StorableInstants.utc(instant)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
        }
        for (Instant edge : new Instant[] {
            StorableInstants.EARLIEST,
            StorableInstants.LATEST,
            Instant.EPOCH,
            Instant.EPOCH.minusNanos(1),
            Instant.parse("2024-02-29T23:59:59.999999999Z")
        }) {
            assertThat(StorableInstants.utc(edge)).isEqualTo(edge.atOffset(ZoneOffset.UTC));
            assertThat(StorableInstants.utc(edge).toInstant()).isEqualTo(edge);
        }
    }
}
