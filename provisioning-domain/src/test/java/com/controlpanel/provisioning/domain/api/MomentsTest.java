package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void aMomentOnTheSecondIsWrittenWithItsMilliseconds() {
        assertThat(Moments.text(Instant.parse("2026-12-02T04:33:28Z"))).isEqualTo("2026-12-02T04:33:28.000Z");
        assertThat(Moments.text(Instant.parse("2026-12-02T04:33:28.001Z"))).isEqualTo("2026-12-02T04:33:28.001Z");
        assertThat(Moments.text(Instant.parse("2026-12-02T04:33:28.100Z"))).isEqualTo("2026-12-02T04:33:28.100Z");
        // exactly the milliseconds: what is finer would make a text longer and sort it after a later moment's
        assertThat(Moments.text(Instant.parse("2026-12-02T04:33:28.000500Z"))).isEqualTo("2026-12-02T04:33:28.000Z");
        assertThat(Moments.text(Instant.parse("2026-12-02T04:33:28.617000100Z")))
                .isEqualTo("2026-12-02T04:33:28.617Z");
        assertThat(Moments.text(Instant.parse("2026-12-02T04:33:28.135745375Z")))
                .isEqualTo("2026-12-02T04:33:28.135Z");
        assertThat(Instant.parse(Moments.text(Instant.parse("0001-01-01T00:00:00Z"))))
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void momentsWrittenSortAsTextInTimeOrder() {
        List<Instant> moments = new ArrayList<>();
        Instant second = Instant.parse("2026-12-02T04:33:28Z");
        for (long millis = 0; millis < 1_002; millis += 1) {
            moments.add(second.plusMillis(millis));
        }
        // one a tenth of a microsecond after a millisecond is written as that millisecond, in its place
        Instant finer = second.plusMillis(617).plusNanos(100);
        List<String> withFiner = new ArrayList<>(List.of(
                Moments.text(second.plusMillis(617)), Moments.text(finer), Moments.text(second.plusMillis(618))));
        Collections.sort(withFiner);
        assertThat(withFiner.get(2)).isEqualTo(Moments.text(second.plusMillis(618)));
        List<String> texts = new ArrayList<>(moments.stream().map(Moments::text).toList());
        Collections.shuffle(texts);
        Collections.sort(texts);
        assertThat(texts.stream().map(Instant::parse).toList()).isEqualTo(moments);
    }

    /** Written digit by digit, a moment reads as Instant's own text with its milliseconds, from year 0 to beyond 9999. */
    @Test
    void aMomentIsWrittenAsInstantWritesItToTheMillisecond() {
        Random random = new Random(11);
        List<Instant> moments = new ArrayList<>(List.of(
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.EPOCH,
                Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("2100-03-01T00:00:00.001Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN,
                Instant.MAX));
        for (int i = 0; i < 100_000; i++) {
            moments.add(Instant.ofEpochSecond(
                    random.nextLong(-62_167_219_200L - 86_400L, 253_402_300_800L + 86_400L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant moment : moments) {
            Instant millis = moment.truncatedTo(ChronoUnit.MILLIS);
            String expected = millis.getNano() == 0 ? millis.toString().replaceFirst("Z$", ".000Z") : millis.toString();
            assertThat(Moments.text(moment)).as(moment.toString()).isEqualTo(expected);
        }
    }
}
