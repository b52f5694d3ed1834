package com.controlpanel.provisioning.domain.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
}
