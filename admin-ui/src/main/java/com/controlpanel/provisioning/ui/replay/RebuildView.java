package com.controlpanel.provisioning.ui.replay;

import com.controlpanel.provisioning.rebuild.RebuildProgress;
import com.controlpanel.provisioning.rebuild.TableComparison;
import com.controlpanel.provisioning.ui.layout.Dates;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A rebuild as the Control Panel shows it: progress while it runs, then the comparison of every table. */
public record RebuildView(
        String id,
        String status,
        String phase,
        long eventsDone,
        long eventsTotal,
        String rate,
        String eta,
        String startedAt,
        String took,
        Boolean verified,
        List<Table> tables,
        String error,
        List<Phase> phases,
        boolean switched,
        boolean fresh,
        List<String> replaced) {

    /** A phase done: what it was, how long it took, and its rate when it applied events in bulk (the replay). */
    public record Phase(String label, String took, String rate) {

        static Phase of(RebuildProgress.PhaseTime phase) {
            String label = switch (phase.name()) {
                case "check-catch-up" -> "catching up";
                case "check-snapshot" -> "holding writes for a snapshot of the live read models";
                case "check-replay" -> "replaying the events";
                case "check-rows" -> "summing the rows the events make";
                case "check-compare" -> "comparing them with the live read models";
                case "replay" -> "replaying the events";
                case "write" -> "writing the read models";
                case "catch-up" -> "catching up";
                case "last-catch-up" -> "catching up with writes held";
                case RebuildProgress.SWITCH -> "switching";
                case RebuildProgress.SETTLE -> "holding the writes until every node reads the switch";
                case "verify" -> "verifying";
                default -> phase.name();
            };
            boolean replay = "replay".equals(phase.name()) || "check-replay".equals(phase.name());
            String rate = replay && phase.millis() > 0
                    ? String.format(Locale.ENGLISH, "%,.0f", phase.events() * 1000.0 / phase.millis())
                    : null;
            return new Phase(label, Dates.took(Duration.ofMillis(phase.millis())), rate);
        }
    }

    /** A rebuilt table compared with the live one. */
    public record Table(
            String readModel,
            String table,
            long liveRows,
            long rebuiltRows,
            String liveChecksum,
            String rebuiltChecksum,
            boolean equal,
            List<String> differences) {

        public String shortLive() {
            return shorten(liveChecksum);
        }

        public String shortRebuilt() {
            return shorten(rebuiltChecksum);
        }

        private static String shorten(String checksum) {
            return checksum == null || checksum.length() <= 12 ? checksum : checksum.substring(0, 12) + "…";
        }
    }

    public static RebuildView of(RebuildProgress progress) {
        List<TableComparison> comparisons = progress.verification() == null ? List.of() : progress.verification();
        return new RebuildView(
                progress.id(),
                progress.status().name().toLowerCase(Locale.ROOT),
                progress.phase(),
                progress.eventsDone(),
                progress.eventsTotal(),
                String.format(Locale.ENGLISH, "%,.0f", progress.eventsPerSecond()),
                progress.etaSeconds() == null ? null : Dates.seconds(progress.etaSeconds()),
                Dates.precise(progress.startedAt()),
                progress.finishedAt() == null
                        ? null
                        : Dates.took(Duration.between(progress.startedAt(), progress.finishedAt())),
                progress.verified(),
                comparisons.stream()
                        .map(c -> new Table(
                                c.readModel(),
                                c.table(),
                                c.liveRows(),
                                c.rebuiltRows(),
                                c.liveChecksum(),
                                c.rebuiltChecksum(),
                                c.equal(),
                                c.differences() == null ? List.of() : c.differences()))
                        .toList(),
                progress.error(),
                progress.phases() == null
                        ? List.of()
                        : progress.phases().stream().map(Phase::of).toList(),
                progress.switched(),
                progress.fresh(),
                progress.replaced());
    }

    /** Completed without replacing any read model: every one was found as its events make it. */
    public boolean inPlace() {
        return replaced != null && replaced.isEmpty();
    }

    /** The read models built into fresh tables and switched live, named; null before the comparison told. */
    public String replacedNames() {
        return replaced == null || replaced.isEmpty() ? null : String.join(", ", replaced);
    }

    /** The read models verified equal in place (not replaced), named; null when none. */
    public String keptNames() {
        if (replaced == null) {
            return null;
        }
        String kept = tables.stream()
                .map(Table::readModel)
                .distinct()
                .filter(readModel -> !replaced.contains(readModel))
                .collect(java.util.stream.Collectors.joining(", "));
        return kept.isEmpty() ? null : kept;
    }

    public boolean running() {
        return "running".equals(status);
    }

    public boolean completed() {
        return "completed".equals(status);
    }

    public boolean failed() {
        return "failed".equals(status);
    }

    /** The bar's value; unknown (an indeterminate bar) before the events are counted. */
    public boolean measured() {
        return eventsTotal > 0;
    }

    public int percent() {
        return eventsTotal <= 0 ? 0 : (int) Math.min(100, eventsDone * 100 / eventsTotal);
    }

    public String done() {
        return String.format(Locale.ENGLISH, "%,d", eventsDone);
    }

    public String total() {
        return String.format(Locale.ENGLISH, "%,d", eventsTotal);
    }

    /** What a screen reader hears when the rebuild moves on to another phase or ends. */
    public String announcement() {
        if (completed()) {
            if (inPlace()) {
                return "Rebuild completed: every read model equals what its events make; none needed replacing.";
            }
            return Boolean.TRUE.equals(verified)
                    ? "Rebuild completed: the rebuilt read models equal the live ones."
                    : "Rebuild completed, but the rebuilt read models differ from the live ones.";
        }
        if (failed()) {
            return "Rebuild failed: " + error;
        }
        return "Rebuild: " + phase;
    }
}
