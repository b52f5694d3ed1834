package com.controlpanel.provisioning.config;

import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Deletes the Control Panel sessions past their expiry from the database, every minute on each node (Spring
 * Session's own schedule is switched off: {@code spring.session.jdbc.cleanup-cron: "-"}). With the database out of
 * reach a round is logged as the outage it is, its trace once a minute at most ({@link BackgroundTask}).
 */
@Configuration(proxyBeanMethods = false)
class SessionCleanup {

    @Bean
    BackgroundTask expiredSessionSweeper(JdbcIndexedSessionRepository sessions) {
        return new BackgroundTask("session-cleanup")
                .every(
                        "Deleting expired Control Panel sessions",
                        1,
                        1,
                        TimeUnit.MINUTES,
                        sessions::cleanUpExpiredSessions);
    }
}
