package com.controlpanel.provisioning.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class OutageLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final OutageLog outages = new OutageLog(now::get);
    private final Logger log = (Logger) LoggerFactory.getLogger("outage-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    OutageLogTest() {
        lines.start();
        log.addAppender(lines);
    }

    private static Exception outage() {
        return new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection to localhost:5432 refused\nCheck the host"));
    }

    @Test
    void theLogEveryEdgeSharesTracesTheFirstRequestOfTheServicesFirstOutage() {
        OutageLog.SHARED.unavailable(log, "GET /api/orgs (request id s): the database is out of reach", outage());

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getThrowableProxy()).isNotNull();
    }

    @Test
    void theFirstRequestOfAnOutageIsLoggedWithItsTraceTheOthersInOneLineUntilAMinuteHasPassed() {
        outages.unavailable(log, "SCIM GET /Users (request id a): the database is out of reach", outage());
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        outages.unavailable(log, "SCIM GET /Users (request id b): the database is out of reach", outage());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        outages.unavailable(log, "SCIM GET /Users (request id c): the database is out of reach", outage());

        assertThat(lines.list).hasSize(3);
        assertThat(lines.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(lines.list.get(0).getFormattedMessage())
                .contains("request id a")
                .contains("its trace follows");
        ILoggingEvent oneLine = lines.list.get(1);
        assertThat(oneLine.getThrowableProxy()).isNull();
        assertThat(oneLine.getFormattedMessage())
                .isEqualTo(
                        "SCIM GET /Users (request id b): the database is out of reach:"
                                + " java.sql.SQLTransientConnectionException: Connection to localhost:5432 refused Check the host");
        assertThat(lines.list.get(2).getThrowableProxy())
                .as("a minute later, a trace again")
                .isNotNull();
    }
}
