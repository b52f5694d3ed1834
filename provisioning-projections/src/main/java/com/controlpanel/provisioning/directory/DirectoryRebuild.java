package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.eventstore.StoredEvent;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.RowSink;
import com.controlpanel.provisioning.rebuild.SecondaryIndexes;
import com.controlpanel.provisioning.rebuild.TablePair;
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
    private final SecondaryIndexes indexes;

    public DirectoryRebuild(DirectorySlots slots, DataSource dataSource) {
        this.slots = slots;
        this.indexes = new SecondaryIndexes(dataSource);
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
        String[] standbyTables = standby.all();
        String[] liveTables = slots.live().all();
        List<SecondaryIndexes.Standby> tables = new ArrayList<>();
        for (int i = 0; i < standbyTables.length; i++) {
            tables.add(new SecondaryIndexes.Standby(standbyTables[i], liveTables[i]));
        }
        SecondaryIndexes.Dropped dropped = indexes.drop(tables);
        return new DirectorySession(standby, target, dropped);
    }

    @Override
    public Check check(RowSink expected) {
        DirectoryTables live = slots.live();
        JdbcDirectoryStore store = slots.store(live);
        InMemoryDirectoryStore folded = new InMemoryDirectoryStore();
        return new Check() {
            @Override
            public void fold(StoredEvent event) {
                apply(event, folded);
            }

            @Override
            public void finish() {
                store.writeAll(folded, expected);
            }

            @Override
            public List<TablePair> tables() {
                return pairs(live, slots.standby());
            }
        };
    }

    private List<TablePair> pairs(DirectoryTables live, DirectoryTables rebuilt) {
        return List.of(
                pair(live.organization(), rebuilt.organization(), "organization_id"),
                pair(live.member(), rebuilt.member(), "member_id"),
                pair(live.memberAttribute(), rebuilt.memberAttribute(), "member_id", "path", "ordinal", "value_key"),
                pair(live.memberTerm(), rebuilt.memberTerm(), "member_id", "term"),
                pair(live.team(), rebuilt.team(), "team_id"),
                pair(live.membership(), rebuilt.membership(), "team_id", "member_id"));
    }

    private TablePair pair(String live, String rebuilt, String... keys) {
        return new TablePair(name(), live, rebuilt, List.of(keys));
    }

    /** An event of an organization into the directory store, as the live projection folds it; others are not its. */
    private static void apply(StoredEvent event, DirectoryStore store) {
        if (event.isOrganizationEvent()) {
            DirectoryEvolver.apply(
                    event.event(),
                    new EventContext(event.timestamp(), event.message().getSequenceNumber()),
                    store);
        }
    }

    private final class DirectorySession implements Session {
        private final DirectoryTables standby;
        private final JdbcDirectoryStore target;
        private final SecondaryIndexes.Dropped droppedIndexes;
        private InMemoryDirectoryStore folded = new InMemoryDirectoryStore();

        DirectorySession(DirectoryTables standby, JdbcDirectoryStore target, SecondaryIndexes.Dropped droppedIndexes) {
            this.standby = standby;
            this.target = target;
            this.droppedIndexes = droppedIndexes;
        }

        @Override
        public void fold(StoredEvent event) {
            apply(event, folded);
        }

        @Override
        public void flush() {
            target.writeAll(folded);
            folded = null;
            indexes.create(droppedIndexes);
        }

        @Override
        public void catchUp(StoredEvent event) {
            apply(event, target);
        }

        @Override
        public void finish() {}

        @Override
        public List<TablePair> comparisons() {
            return pairs(slots.live(), standby);
        }

        @Override
        public void switchLive() {
            slots.switchTo(standby);
        }
    }
}
