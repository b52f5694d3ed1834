package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded H2 database keeps the pages it read in a cache sized to the heap (a sixteenth of it, from H2's own
 * 16 MB up to 512 MB), not in H2's 16 MB whatever the heap.
 */
@ApplicationTest
class H2PageCacheTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theRunningDatabasesPageCacheIsASixteenthOfTheHeap() {
        // MVStore's own account of its cache, in MB
        Integer megabytes = jdbc.queryForObject(
                "SELECT CAST(SETTING_VALUE AS INT) FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'",
                Integer.class);

        long expected =
                DataDirectoryEnvironment.cacheSizeKb(Runtime.getRuntime().maxMemory()) / 1024;
        assertThat(expected).isGreaterThan(16);
        assertThat(megabytes).isEqualTo((int) expected);
    }

    @Test
    void theCacheIsASixteenthOfTheHeapBetweenSixteenAndFiveHundredTwelveMegabytes() {
        long megabyte = 1024 * 1024;

        assertThat(DataDirectoryEnvironment.cacheSizeKb(6144 * megabyte)).isEqualTo(384 * 1024);
        assertThat(DataDirectoryEnvironment.cacheSizeKb(1024 * megabyte)).isEqualTo(64 * 1024);
        // a small heap keeps H2's own cache; a large one, or none set, stops at 512 MB
        assertThat(DataDirectoryEnvironment.cacheSizeKb(128 * megabyte)).isEqualTo(16 * 1024);
        assertThat(DataDirectoryEnvironment.cacheSizeKb(16384 * megabyte)).isEqualTo(512 * 1024);
        assertThat(DataDirectoryEnvironment.cacheSizeKb(Long.MAX_VALUE)).isEqualTo(512 * 1024);
    }
}
