package com.controlpanel.provisioning.activity;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the live Activity > Actions processor has come: its tracking tokens as stored (one per segment), and how
 * many stored events it has not taken yet. Read from the database, so on several nodes it tells the processor's
 * progress wherever it runs.
 */
@Component
public class ActivityProgress {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ActivityProgress(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The processor's tokens by segment; a segment that has not started yet is null. */
    public List<TrackingToken> tokens() {
        return jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment",
                (rs, n) -> {
                    byte[] token = rs.getBytes(1);
                    String type = rs.getString(2);
                    return token == null || type == null
                            ? null
                            : serializer.<byte[], TrackingToken>deserialize(
                                    new SimpleSerializedObject<>(token, byte[].class, type, null));
                },
                ActivityProjection.PROCESSING_GROUP);
    }

    /**
     * The events stored after the position of the processor's furthest-behind segment: 0 when it has taken every one
     * (events whose transactions were in flight when it passed them, its gaps, are not counted).
     */
    public long eventsBehind() {
        long position = -1;
        List<TrackingToken> tokens = tokens();
        for (TrackingToken token : tokens) {
            OptionalLong at = token == null ? OptionalLong.empty() : token.position();
            long segment = at.orElse(-1L);
            position = position == -1 || segment < position ? segment : position;
        }
        Long behind = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE global_index > ?", Long.class, position);
        return behind == null ? 0 : behind;
    }
}
