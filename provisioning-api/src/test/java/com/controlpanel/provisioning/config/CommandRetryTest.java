package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.CreateTeamCommand;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command that failed for a reason that passes (the database did not grant a lock in time, as H2 does while a
 * rebuild builds an index) is sent again and the request succeeds; a refused one is handled once, not again.
 */
@ApplicationTest
class CommandRetryTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandBus commandBus;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConfigurableListableBeanFactory beans;

    private Http api;
    private String org;

    @BeforeEach
    void setUp() {
        api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        org = Fixtures.createOrganization(api, "Retries");
    }

    /** Counts the attempts at creating a team of this name; {@code failFirst} of them fail as a lock timeout. */
    private Registration attempts(String teamName, AtomicInteger attempts, int failFirst) {
        return commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof CreateTeamCommand create
                    && create.name().value().equals(teamName)
                    && attempts.incrementAndGet() <= failFirst) {
                // as Axon's event store reports the append H2 refused (its words are misleading: the lock is the cause)
                throw new EventStoreException(
                        "Cannot reuse aggregate identifier",
                        new SQLException("Timeout trying to lock table \"SYS\"", "HYT00", 50200));
            }
            return chain.proceed();
        });
    }

    /** Creates a team over the JSON API while its attempts are counted (the first {@code failFirst} failing). */
    private Http.Response createTeamCounting(String teamName, AtomicInteger attempts, int failFirst) {
        Registration registration = attempts(teamName, attempts, failFirst);
        try {
            return api.post("/api/orgs/" + org + "/teams", Map.of("name", teamName));
        } finally {
            registration.cancel();
        }
    }

    @Test
    void aCommandWhoseLockWasNotGrantedInTimeIsSentAgainAndTheRequestSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        Http.Response created = createTeamCounting("Retried", attempts, 2);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(attempts).hasValue(3);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Integer.class,
                        created.json().get("id").asText()))
                .isEqualTo(1);
    }

    @Test
    void aRefusedCommandIsHandledOnce() {
        assertThat(api.post("/api/orgs/" + org + "/teams", Map.of("name", "Taken"))
                        .status())
                .isEqualTo(201);
        AtomicInteger attempts = new AtomicInteger();
        Http.Response refused = createTeamCounting("Taken", attempts, 0);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("team-name-taken");
        assertThat(attempts).as("the refusal is not sent again").hasValue(1);
    }

    /** The threads retries run in stop before the database closes: the data source outlives them. */
    @Test
    void theRetryThreadsStopBeforeTheDatabase() {
        assertThat(beans.getDependenciesForBean("commandRetryThreads")).contains("dataSource");
    }
}
