package com.controlpanel.provisioning.activity;

import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The subjects' names a rebuild of Activity > Actions writes: those of the bulk with the bulk, before writes are held
 * for the switch, and those the catch-up changes as it applies them.
 */
class ActivityRebuildSubjectsTest {

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    private static StoredEvent stored(long position, OrganizationEvent event) {
        return new StoredEvent(
                position, null, new GenericDomainEventMessage<>("Team", ENGINEERING.value(), position - 1, event));
    }

    private List<String> names(String table) {
        return jdbc.queryForList(
                "SELECT subject_id || '=' || name FROM " + table + " ORDER BY subject_id", String.class);
    }

    @Test
    void theBulksNamesAreWrittenWithItAndTheCatchUpsAsTheyCome() {
        ReadModelRebuild.Session session = new ActivityRebuild(
                        new ActivitySlots(jdbc),
                        jdbc,
                        dataSource,
                        JacksonSerializer.defaultSerializer(),
                        Optional::empty,
                        Duration.ofSeconds(5))
                .begin();
        String subjects = new ActivitySlots(jdbc).standbyStore().tables().subject();
        String activity = new ActivitySlots(jdbc).standbyStore().tables().activity();

        session.fold(stored(1, new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "g1")));
        session.flush();

        assertThat(names(subjects)).containsExactly(ENGINEERING.value() + "=Engineering");

        session.catchUp(stored(2, new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D"))));

        assertThat(names(subjects)).containsExactly(ENGINEERING.value() + "=R&D");
        session.finish();
        assertThat(names(subjects)).containsExactly(ENGINEERING.value() + "=R&D");
        assertThat(jdbc.queryForList("SELECT action FROM " + activity + " ORDER BY position", String.class))
                .containsExactly("team.pushed", "team.renamed");
    }
}
