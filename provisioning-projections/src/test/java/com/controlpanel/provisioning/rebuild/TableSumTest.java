package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table's order-free checksum sums each row's SHA-256 of its values' UTF-8 text, whatever the text holds. */
class TableSumTest {

    private static final List<String[]> ROWS = List.of(
            new String[] {"plain ascii", "42", null},
            new String[] {"José Łódź Straße", "ø æ œ þ", "日本語のチーム"},
            new String[] {"an emoji 🚀 and a flag 🇫🇷", "", null},
            // a surrogate without its other half, as a broken client may send one: String#getBytes writes '?'
            new String[] {"lone \uD83D high", "lone \uDE80 low", "end \uD83D"},
            new String[] {"x".repeat(3000) + "é".repeat(800), "𝄞".repeat(400), "\u0000\u001f\u001e"});

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

    private static byte[] text(String[] row) {
        StringBuilder text = new StringBuilder();
        for (String value : row) {
            text.append(value == null ? "\u0000" : "\u0001" + value).append('\u001f');
        }
        return text.append('\u001e').toString().getBytes(StandardCharsets.UTF_8);
    }
}
