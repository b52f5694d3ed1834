package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
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

    /** How long a read of the timeline waits for the rows of the writes made just before it. */
    public static final Duration READ_AFTER_WRITE = Duration.ofSeconds(2);

    /** How far behind the processor may be for a read to wait for it. */
    static final long SHORT_WAY = 5_000;

    /** How long the processor may stand still, its tokens unchanged, before a read stops waiting for it. */
    static final Duration STILL = Duration.ofSeconds(1);

    private static final Duration POLL = Duration.ofMillis(10);

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
     * Waits, at most {@code max}, until the processor has taken every event of the organization stored before the call,
     * so that a read of the timeline right after a write shows the write's row (the timeline is written
     * asynchronously, tens of milliseconds later on this node). It gives up early when the processor is more than
     * {@link #SHORT_WAY} events behind (catching up after a start or a rebuild: no short wait would make that up) or
     * has not moved for {@link #STILL} (stopped, or retrying a failing event): the timeline is then answered as it
     * stands.
     *
     * @return whether the processor had taken those events when the call returned
     */
    public boolean awaitLatest(OrganizationId organizationId, Duration max) {
        Long latest = jdbc.queryForObject(
                "SELECT MAX(global_index) FROM domain_event_entry WHERE organization_id = ?",
                Long.class,
                organizationId.value());
        if (latest == null) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        long movedAt = System.nanoTime();
        List<Long> positions = null;
        while (true) {
            List<TrackingToken> tokens = tokens();
            if (tokens.isEmpty()) {
                // the processor has never run: nothing it would take soon
                return false;
            }
            if (taken(organizationId, tokens, latest)) {
                return true;
            }
            List<Long> now = tokens.stream().map(ActivityProgress::position).toList();
            if (!now.equals(positions)) {
                positions = now;
                movedAt = System.nanoTime();
            }
            long behind = latest - now.stream().mapToLong(Long::longValue).min().orElse(-1L);
            if (behind > SHORT_WAY || System.nanoTime() >= deadline || System.nanoTime() - movedAt >= STILL.toNanos()) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Whether every segment has passed {@code latest} and none of the organization's events up to it is among the
     * positions a segment passed while their transactions were still open (its gaps: such an event committed later,
     * as concurrent writes do, and is taken when the processor comes back for it).
     */
    private boolean taken(OrganizationId organizationId, List<TrackingToken> tokens, long latest) {
        SortedSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (position(token) < latest) {
                return false;
            }
            if (unwrapped(token) instanceof GapAwareTrackingToken aware) {
                gaps.addAll(aware.getGaps().headSet(latest + 1).tailSet(latest - SHORT_WAY));
            }
        }
        if (gaps.isEmpty()) {
            return true;
        }
        List<Long> stored = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE organization_id = ?"
                        + " AND global_index BETWEEN ? AND ?",
                Long.class,
                organizationId.value(),
                gaps.first(),
                gaps.last());
        return stored.stream().noneMatch(gaps::contains);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1L : token.position().orElse(-1L);
    }

    private static TrackingToken unwrapped(TrackingToken token) {
        return token instanceof WrappedToken wrapped ? wrapped.lowerBound() : token;
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
