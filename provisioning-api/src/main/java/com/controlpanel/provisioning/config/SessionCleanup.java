package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.OutageLog;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Deletes the Control Panel sessions past their expiry from the database, every minute on each node (Spring
 * Session's own schedule is switched off: {@code spring.session.jdbc.cleanup-cron: "-"}). With the database out of
 * reach a round is logged as the outage it is, its trace once a minute at most, not as an error with its stack.
 */
@Configuration(proxyBeanMethods = false)
class SessionCleanup {

    private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);

    @Bean
    BackgroundTask expiredSessionSweeper(JdbcIndexedSessionRepository sessions) {
        return new BackgroundTask("session-cleanup")
                .every("Deleting expired Control Panel sessions", 1, 1, TimeUnit.MINUTES, () -> {
                    try {
                        sessions.cleanUpExpiredSessions();
                    } catch (RuntimeException e) {
                        if (!DatabaseFailures.unavailable(e)) {
                            throw e;
                        }
                        OutageLog.SHARED.unavailable(
                                log, "Deleting expired Control Panel sessions: the database is out of reach", e);
                    }
                });
    }
}
