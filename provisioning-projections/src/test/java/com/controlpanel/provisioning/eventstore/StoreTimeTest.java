package com.controlpanel.provisioning.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An event's time read digit by digit is the moment Axon's own parser reads, whatever the moment. */
class StoreTimeTest {

    @Test
    void everyMomentAxonWritesReadsBackAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(20261201);
        long end = Instant.parse("2400-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            String written = DateTimeUtils.formatInstant(Instant.ofEpochMilli(random.nextLong(0, end)));
            assertThat(StoreTime.parse(written)).as(written).isEqualTo(DateTimeUtils.parseInstant(written));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00.000Z",
                "2024-02-29T23:59:59.999Z",
                "2000-02-29T12:00:00.001Z",
                "2026-12-31T23:59:59.999Z",
                "2027-01-01T00:00:00.000Z",
                "0001-01-01T00:00:00.000Z",
                "9999-12-31T23:59:59.999Z"
            })
    void theEdgesOfDaysMonthsAndLeapYearsReadAsAxonReadsThem(String written) {
        assertThat(StoreTime.parse(written)).isEqualTo(DateTimeUtils.parseInstant(written));
    }

    /** Other forms (written by hand, another tool, another zone) go to Axon's parser and read as it reads them. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-28T10:15:30.123456789Z",
                "2026-11-28T10:15:30Z",
                "2026-11-28T11:15:30.123+01:00",
                "2026-11-28t10:15:30.123z",
                "2026-11-28T10:15:30.123+00:00"
            })
    void anotherFormReadsAsAxonReadsIt(String written) {
        assertThat(StoreTime.parse(written)).isEqualTo(DateTimeUtils.parseInstant(written));
    }

    /** A moment that is not one is refused, as Axon refuses it: never read as another day. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-29T10:15:30.123Z",
                "2026-04-31T10:15:30.123Z",
                "2026-13-01T10:15:30.123Z",
                "2026-11-28T24:00:00.000Z",
                "2026-11-28T10:60:30.123Z",
                "2026-11-28T10:15:60.123Z",
                "2026-11-28T10:15:30.1x3Z",
                "2026-11-28T10:15:30.-12Z"
            })
    void aMomentThatIsNotOneIsRefused(String written) {
        assertThatThrownBy(() -> StoreTime.parse(written)).isInstanceOf(DateTimeParseException.class);
    }
}
