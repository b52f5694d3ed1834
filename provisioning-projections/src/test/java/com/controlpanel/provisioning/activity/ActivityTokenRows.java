package com.controlpanel.provisioning.activity;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sets the Activity processor's token in {@code token_entry}, as the processor stores it after a batch. */
final class ActivityTokenRows {

    private ActivityTokenRows() {}

    static void tokenAt(JdbcTemplate jdbc, Serializer serializer, long position, Long... gaps) {
        SerializedObject<byte[]> token =
                serializer.serialize(GapAwareTrackingToken.newInstance(position, List.of(gaps)), byte[].class);
        if (jdbc.update(
                        "UPDATE token_entry SET token = ?, token_type = ? WHERE processor_name = 'activity'",
                        token.getData(),
                        token.getType().getName())
                == 0) {
            jdbc.update(
                    "INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES ('activity', 0, ?, ?)",
                    token.getData(),
                    token.getType().getName());
        }
    }
}
