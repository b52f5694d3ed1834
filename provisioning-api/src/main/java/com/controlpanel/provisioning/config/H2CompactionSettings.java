package com.controlpanel.provisioning.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * When the embedded H2 database's file is compacted: at start ({@link H2StartCompaction}), once the service is idle
 * ({@link H2IdleCompaction}), above which size. A value it can not use stops the start, naming its variable.
 *
 * @param atStart {@code provisioning.h2.compact-at-start}
 * @param whenIdle {@code provisioning.h2.compact-when-idle}
 * @param above {@code provisioning.h2.compact-above}, in bytes
 * @param idleAfter {@code provisioning.h2.compact-idle-after}: how long no command may have written first
 */
record H2CompactionSettings(boolean atStart, boolean whenIdle, long above, Duration idleAfter) {

    static final DataSize DEFAULT_ABOVE = DataSize.ofMegabytes(256);
    static final Duration DEFAULT_IDLE_AFTER = Duration.ofMinutes(1);

    /** The longest wait for a quiet spell: the running service counts it in nanoseconds, which hold 292 years. */
    static final Duration LONGEST_IDLE_AFTER = Duration.ofDays(365);

    static H2CompactionSettings from(Environment environment) {
        boolean atStart = setting(
                environment, "provisioning.h2.compact-at-start", "true", H2CompactionSettings::truth, "true or false");
        boolean whenIdle = setting(
                environment, "provisioning.h2.compact-when-idle", "true", H2CompactionSettings::truth, "true or false");
        long above = setting(
                        environment,
                        "provisioning.h2.compact-above",
                        DEFAULT_ABOVE.toMegabytes() + "MB",
                        value -> DataSize.parse(value.strip()),
                        "a size (256MB, 1GB, or bytes)")
                .toBytes();
        if (above < 0) {
            throw new SettingRefused(
                    variable("provisioning.h2.compact-above"), "must not be negative (a size such as 256MB)");
        }
        Duration idleAfter = setting(
                environment,
                "provisioning.h2.compact-idle-after",
                DEFAULT_IDLE_AFTER.toSeconds() + "s",
                H2CompactionSettings::durationWithUnit,
                "a duration with its unit (60s, 5m)");
        if (idleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new SettingRefused(variable("provisioning.h2.compact-idle-after"), "must be at least 1s");
        }
        if (idleAfter.compareTo(LONGEST_IDLE_AFTER) > 0) {
            throw new SettingRefused(variable("provisioning.h2.compact-idle-after"), "must be between 1s and 365d");
        }
        return new H2CompactionSettings(atStart, whenIdle, above, idleAfter);
    }

    /** A switch, read as Spring reads every other one ({@code PROVISIONING_ADMIN_PASSWORD_RESET}): yes/no, on/off, 1/0. */
    static boolean truth(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** A duration written as a number without its unit ({@code 24}), which Spring reads as milliseconds. */
    static boolean bareNumber(String value) {
        return value.strip().matches("[+-]?[0-9]+");
    }

    /**
     * A duration written with its unit ({@code 30m}, {@code 24h}, or ISO-8601's {@code PT30M}). A bare number is
     * refused: Spring reads it as milliseconds, so {@code 24} meant as hours was refused as "at least 1m", or taken.
     */
    static Duration durationWithUnit(String value) {
        String written = value.strip();
        if (bareNumber(written)) {
            throw new IllegalArgumentException("no unit: " + written);
        }
        return DurationStyle.detectAndParse(written);
    }

    /**
     * A setting parsed ({@code otherwise} when it is unset or set empty), or the start stopped naming its variable and
     * what it expects.
     */
    static <T> T setting(
            Environment environment, String name, String otherwise, Function<String, T> parse, String expected) {
        String value = environment.getProperty(name, otherwise);
        if (value.isBlank()) {
            // set empty (PROVISIONING_H2_COMPACT_AT_START=): as if unset, as the backup settings are read
            value = otherwise;
        }
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new SettingRefused(variable(name), "'" + value + "' is not " + expected);
        }
    }

    /** {@code provisioning.h2.compact-above} as an environment variable: {@code PROVISIONING_H2_COMPACT_ABOVE}. */
    static String variable(String name) {
        return name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
