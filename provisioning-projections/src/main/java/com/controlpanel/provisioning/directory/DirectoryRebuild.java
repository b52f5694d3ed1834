package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.eventstore.StoredEvent;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.TableComparer;
import com.controlpanel.provisioning.rebuild.TableComparison;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the directory into its standby slot: the bulk of the events folded in memory by {@link DirectoryEvolver}
 * and written in batches, the rest applied to the tables, then every table compared with the live one.
 */
@Component
public class DirectoryRebuild implements ReadModelRebuild {

    private final DirectorySlots slots;
    private final DataSource dataSource;

    public DirectoryRebuild(DirectorySlots slots, DataSource dataSource) {
        this.slots = slots;
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return DirectoryProjection.PROCESSING_GROUP;
    }

    @Override
    public Session begin() {
        DirectoryTables standby = slots.standby();
        JdbcDirectoryStore target = slots.store(standby);
        target.truncate();
        return new DirectorySession(standby, target);
    }

    private final class DirectorySession implements Session {
        private final DirectoryTables standby;
        private final JdbcDirectoryStore target;
        private InMemoryDirectoryStore folded = new InMemoryDirectoryStore();

        DirectorySession(DirectoryTables standby, JdbcDirectoryStore target) {
            this.standby = standby;
            this.target = target;
        }

        @Override
        public void fold(StoredEvent event) {
            if (event.isOrganizationEvent()) {
                DirectoryEvolver.apply(event.event(), context(event), folded);
            }
        }

        @Override
        public void flush() {
            target.writeAll(folded);
            folded = null;
        }

        @Override
        public void catchUp(StoredEvent event) {
            if (event.isOrganizationEvent()) {
                DirectoryEvolver.apply(event.event(), context(event), target);
            }
        }

        @Override
        public void finish() {}

        @Override
        public List<TableComparison> verifyStopped() {
            DirectoryTables live = slots.live();
            List<TableComparison> comparisons = new ArrayList<>();
            comparisons.add(compare(live.organization(), standby.organization(), List.of("organization_id")));
            comparisons.add(compare(live.member(), standby.member(), List.of("member_id")));
            comparisons.add(compare(
                    live.memberAttribute(),
                    standby.memberAttribute(),
                    List.of("member_id", "path", "ordinal", "value_key")));
            comparisons.add(compare(live.memberTerm(), standby.memberTerm(), List.of("member_id", "term")));
            comparisons.add(compare(live.team(), standby.team(), List.of("team_id")));
            comparisons.add(compare(live.membership(), standby.membership(), List.of("team_id", "member_id")));
            return comparisons;
        }

        private TableComparison compare(String live, String rebuilt, List<String> keys) {
            return TableComparer.compare(dataSource, name(), live, rebuilt, keys, null);
        }

        @Override
        public void switchLive() {
            slots.switchTo(standby);
        }

        private static EventContext context(StoredEvent event) {
            return new EventContext(event.timestamp(), event.message().getSequenceNumber());
        }
    }
}
