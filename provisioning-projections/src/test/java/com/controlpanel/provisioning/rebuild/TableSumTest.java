package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A table's order-free checksum sums each row's SHA-256 of its values' UTF-8 text, whatever the text holds. */
class TableSumTest {

    private static final List<String[]> ROWS = List.of(
            new String[] {"plain ascii", "42", null},
            new String[] {"José Łódź Straße", "ø æ œ þ", "日本語のチーム"},
            new String[] {"an emoji 🚀 and a flag 🇫🇷", "", null},
            // a surrogate without its other half, as a broken client may send one: String#getBytes writes '?'
            new String[] {"lone \uD83D high", "lone \uDE80 low", "end \uD83D"},
            new String[] {"x".repeat(3000) + "é".repeat(800), "𝄞".repeat(400), "\u0000\u001f\u001e"},
            // the last char of ASCII (one byte) and the first after it (two), alone and after ASCII
            new String[] {"\u007f", "\u0080", "abc\u00ff", "abc\u007f"});

    @Test
    void eachRowCountsAsTheSha256OfItsValuesUtf8Text() throws NoSuchAlgorithmException {
        TableComparer.Sum sum = new TableComparer.Sum();
        long high = 0;
        long low = 0;
        for (String[] row : ROWS) {
            sum.add(row);
            ByteBuffer digest =
                    ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(text(row)));
            high += digest.getLong(0);
            low += digest.getLong(8);
        }
        assertThat(sum.checksum()).isEqualTo(new TableComparer.Checksum(ROWS.size(), high, low));
    }

    @Test
    void theSameRowsInAnotherOrderGiveTheSameChecksumAndAMissingValueDiffersFromAnEmptyOne() {
        TableComparer.Sum forward = new TableComparer.Sum();
        ROWS.forEach(forward::add);
        TableComparer.Sum backward = new TableComparer.Sum();
        List<String[]> reversed = new ArrayList<>(ROWS);
        Collections.reverse(reversed);
        reversed.forEach(backward::add);
        assertThat(backward.checksum()).isEqualTo(forward.checksum());

        TableComparer.Sum missing = new TableComparer.Sum();
        missing.add(new String[] {"a", null});
        TableComparer.Sum empty = new TableComparer.Sum();
        empty.add(new String[] {"a", ""});
        assertThat(missing.checksum()).isNotEqualTo(empty.checksum());
    }

    @Test
    void aValueSummedAsItIsCountsAsItsCanonicalText() {
        Instant moment = Instant.parse("2026-11-28T10:15:30.123456789Z");
        Object[] values = {
            moment,
            OffsetDateTime.ofInstant(moment, ZoneOffset.ofHours(2)),
            Timestamp.from(Instant.parse("1969-12-31T23:59:59.5Z")),
            Instant.EPOCH,
            42,
            -7L,
            (short) 3,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            0L,
            true,
            false,
            Thread.State.RUNNABLE,
            UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
            new BigDecimal("12.50"),
            "José 🚀 \uD83D",
            "",
            null
        };
        TableComparer.Sum asTheyAre = new TableComparer.Sum();
        for (Object value : values) {
            asTheyAre.value(value);
        }
        asTheyAre.endRow();
        asTheyAre.number(-123_456_789_012L);
        asTheyAre.value(null);
        asTheyAre.endRow();

        TableComparer.Sum asText = new TableComparer.Sum();
        asText.add(Arrays.stream(values).map(TableComparer::canonical).toArray(String[]::new));
        asText.add(new String[] {"-123456789012", null});
        assertThat(asTheyAre.checksum()).isEqualTo(asText.checksum());
        assertThat(TableComparer.canonical(moment)).isEqualTo("1795860930:123456789");
    }

    @Test
    void everyWholeNumberCountsAsItsDecimalText() {
        List<Long> numbers = new ArrayList<>();
        for (long power = 1; ; power *= 10) {
            // each width's edges: 9, 10, 11, 99, 100, 101 … 10^18, and around the largest int
            numbers.addAll(List.of(power - 1, power, power + 1, -power, -(power - 1)));
            if (power > Long.MAX_VALUE / 10) {
                break;
            }
        }
        numbers.addAll(List.of(
                (long) Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L,
                (long) Integer.MIN_VALUE,
                Integer.MIN_VALUE - 1L,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE + 1));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            numbers.add(random.nextLong() >> random.nextInt(64));
        }
        for (long number : numbers) {
            TableComparer.Sum asNumber = new TableComparer.Sum();
            asNumber.number(number);
            asNumber.value(number);
            asNumber.endRow();
            TableComparer.Sum asText = new TableComparer.Sum();
            asText.add(new String[] {Long.toString(number), Long.toString(number)});
            assertThat(asNumber.checksum()).as("%d", number).isEqualTo(asText.checksum());
        }
    }

    private static byte[] text(String[] row) {
        StringBuilder text = new StringBuilder();
        for (String value : row) {
            text.append(value == null ? "\u0000" : "\u0001" + value).append('\u001f');
        }
        return text.append('\u001e').toString().getBytes(StandardCharsets.UTF_8);
    }
}
