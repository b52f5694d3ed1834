package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.activity.ActivityFailures;
import com.controlpanel.provisioning.activity.ActivityProjection;
import com.controlpanel.provisioning.application.WriteDurability;
import com.controlpanel.provisioning.directory.DirectoryAsOf;
import com.controlpanel.provisioning.directory.DirectoryCheckpoints;
import com.controlpanel.provisioning.directory.DirectorySlots;
import com.controlpanel.provisioning.directory.LeftoverMemberships;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.history.AuditHistory;
import com.controlpanel.provisioning.rebuild.ClusterLocks;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.RebuildJournal;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.rebuild.WriteGate;
import com.controlpanel.provisioning.storage.DatabaseBackups.Policy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The command bus and what rides with the read models: the write gate rebuilds close, the activity processor, reads of
 * the event store, rebuilds, the keeping of directory states for "as of an instant" and the sweep of left-over
 * memberships. The command gateway and its retries are in {@link AxonConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConfiguration.class);

    /** The write gate of this node, and of every node when they share a PostgreSQL database. */
    @Bean
    public WriteGate writeGate(DataSource dataSource, ProvisioningProperties properties) {
        return new WriteGate(ClusterLocks.of(dataSource, properties.rebuildWriteWait()));
    }

    /** Axon's local command bus, as its auto-configuration builds it, behind the write gate. */
    @Bean
    public CommandBus commandBus(
            TransactionManager transactionManager,
            org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicates,
            WriteGate gate,
            WriteDurability durability) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        if (durability instanceof H2GroupCommit groupCommit) {
            bus.registerHandlerInterceptor(groupCommit.notingTheDatabaseCommittedIn());
        }
        if (gate.cluster().acrossNodes()) {
            // in the command's transaction, which the bus has begun, before the handler loads or stores anything: the
            // organization's lock too, so that one organization's commands on every node commit one after the other
            bus.registerHandlerInterceptor((unitOfWork, chain) -> {
                gate.enterInTransaction(GatedCommandBus.organizationOf(unitOfWork.getMessage()));
                return chain.proceed();
            });
        }
        // last: once the command holds every lock it waits for, the one instant all its events are stamped with
        bus.registerHandlerInterceptor(CommandInstants.taken());
        return new GatedCommandBus(bus, gate);
    }

    @Bean
    public EventStoreReader eventStoreReader(
            JdbcTemplate jdbc,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon) {
        return new EventStoreReader(jdbc, eventSerializer, axon.upcasterChain());
    }

    @Bean
    public AuditHistory auditHistory(EventStoreReader reader) {
        return new AuditHistory(reader);
    }

    @Bean
    public DirectoryCheckpoints directoryCheckpoints(
            JdbcTemplate jdbc, EventStoreReader reader, ProvisioningProperties properties) {
        return new DirectoryCheckpoints(
                jdbc, reader, properties.stateCheckpointEvery(), properties.stateCheckpointSettle(), Clock.systemUTC());
    }

    /**
     * Keeps folded states in the background: a round shortly after start, then every ten seconds; none while a rebuild
     * runs, and a round under way when one starts, or when the service stops, ends within a thousand events.
     */
    @Bean
    public BackgroundTask directoryCheckpointKeeper(DirectoryCheckpoints checkpoints, RebuildService rebuilds) {
        BackgroundTask keeper = new BackgroundTask("state-checkpoints");
        return keeper.every(
                "Keeping directory states",
                5,
                10,
                TimeUnit.SECONDS,
                () -> checkpoints.keep(() -> keeper.stopping() || rebuilds.anyRunning()));
    }

    @Bean
    public LeftoverMemberships leftoverMemberships(
            DirectorySlots slots, PlatformTransactionManager transactions, RebuildService rebuilds) {
        return new LeftoverMemberships(slots, transactions, rebuilds::anyRunning);
    }

    /** Sweeps the directory for memberships of members gone: a minute after start, then every ten minutes. */
    @Bean
    public BackgroundTask leftoverMembershipSweeper(LeftoverMemberships leftovers) {
        return new BackgroundTask("membership-sweep")
                .every("Sweeping leftover memberships", 1, 10, TimeUnit.MINUTES, leftovers::sweep);
    }

    @Bean
    public DirectoryAsOf directoryAsOf(EventStoreReader reader, DirectoryCheckpoints checkpoints, WriteGate gate) {
        return new DirectoryAsOf(
                reader, checkpoints, (organizationId, at) -> gate.awaitWritesUpTo(organizationId.value(), at));
    }

    @Bean
    public RebuildService rebuildService(
            EventStoreReader reader,
            WriteGate gate,
            DataSource dataSource,
            List<ReadModelRebuild> readModels,
            DirectoryCheckpoints checkpoints,
            JdbcTemplate jdbc,
            DataSourceProperties dataSourceProperties) {
        RebuildJournal journal = new RebuildJournal(jdbc, Clock.systemUTC());
        if (AxonConfiguration.onlyProcess(dataSourceProperties)) {
            // no other process has this store open: a rebuild still reported running was this service's, stopped
            int interrupted = journal.failInterrupted();
            if (interrupted > 0) {
                log.warn("{} rebuild(s) were running when the service stopped: recorded as failed", interrupted);
            }
        }
        return new RebuildService(reader, gate, dataSource, readModels, checkpoints::discardAll, journal);
    }

    /**
     * Backups of the embedded H2 file taken while the service runs ({@code POST /api/admin/backup}), into
     * {@code provisioning.backup-dir} ({@code PROVISIONING_BACKUP_DIR}; default: {@code backups} beside the database
     * file). On PostgreSQL it refuses, naming {@code pg_dump}.
     */
    @Bean
    public EmbeddedBackup embeddedBackup(Environment environment, DataSourceProperties dataSourceProperties) {
        String url = dataSourceProperties.determineUrl();
        Path file = url == null ? null : H2StartCompaction.file(url).orElse(null);
        String configured = environment.getProperty("provisioning.backup-dir");
        Path directory = configured != null && !configured.isBlank()
                ? Path.of(configured.strip()).toAbsolutePath().normalize()
                : file == null ? null : file.resolveSibling("backups");
        String unavailable = AxonConfiguration.onH2(dataSourceProperties)
                ? "This service's H2 database is kept in memory: there is no file to back up"
                : "This service keeps its data in PostgreSQL: back it up there while the service runs (pg_dump, or"
                        + " your provider's snapshots)";
        EmbeddedBackup backup = new EmbeddedBackup(
                url,
                dataSourceProperties.determineUsername(),
                dataSourceProperties.determinePassword(),
                file,
                directory,
                unavailable,
                Clock.systemUTC(),
                file == null ? Policy.ASKED_ONLY : BackupPolicySettings.from(environment));
        String problem = backup.directoryProblem();
        if (problem != null) {
            // said at the start, not only when the first backup fails (hours later, for a scheduled one)
            log.warn(
                    "The backup directory {} (PROVISIONING_BACKUP_DIR) can not hold backups: {}. Every backup will"
                            + " fail until it can",
                    directory,
                    problem);
        }
        return backup;
    }

    /**
     * On an H2 file, a backup before a new version migrates the schema, and a file the service stored in that holds no
     * schema refused as damaged (see {@link SchemaUpgradeBackup}); a file made by this start readable by this user only
     * ({@link OwnerOnly}); after the
     * migration, and before anything writes, the identity counters a stop mid-write left behind set right (see {@link
     * H2IdentityCounters}).
     */
    @Bean
    public FlywayMigrationStrategy schemaUpgradeBackup(EmbeddedBackup backup, Environment environment) {
        String stored = environment.getProperty(DataDirectoryEnvironment.STORED_FILE);
        SchemaUpgradeBackup upgrade = new SchemaUpgradeBackup(backup, stored == null ? null : Path.of(stored));
        String made = environment.getProperty(DataDirectoryEnvironment.NEW_FILE);
        return flyway -> {
            upgrade.migrate(flyway);
            H2IdentityCounters.repair(flyway.getConfiguration().getDataSource());
            if (made != null) {
                try {
                    OwnerOnly.restrict(Path.of(made));
                } catch (java.io.IOException e) {
                    log.warn("Could not make the new database file {} readable by this user only: {}", made, e);
                }
            }
        };
    }

    /**
     * With {@code PROVISIONING_BACKUP_EVERY} on an H2 file, backs it up by itself (see {@link ScheduledBackups}):
     * looks 5 s after the service is ready, then every 30 s. Elsewhere it never looks; on PostgreSQL {@code
     * PROVISIONING_BACKUP_EVERY} and {@code PROVISIONING_BACKUP_KEEP} are reported ignored. Takes the pool so that it
     * is stopped before the pool closes.
     */
    @Bean
    public ScheduledBackups scheduledBackups(Environment environment, EmbeddedBackup backup, DataSource dataSource) {
        ScheduledBackups scheduled = new ScheduledBackups(
                backup, backup.policy().every(), Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        if (backup.unavailable() != null) {
            for (String setting : List.of("provisioning.backup-every", "provisioning.backup-keep")) {
                if (!environment.getProperty(setting, "").isBlank()) {
                    log.warn("{} is ignored: {}", H2CompactionSettings.variable(setting), backup.unavailable());
                }
            }
        }
        return scheduled;
    }

    /**
     * On an H2 file, gives back the space the file holds for nothing once no command has written for a while (see
     * {@link H2IdleCompaction}); elsewhere, or switched off, it never looks. Takes the pool so that it is stopped
     * before the pool closes.
     */
    @Bean
    public H2IdleCompaction h2IdleCompaction(
            Environment environment,
            DataSourceProperties dataSourceProperties,
            DataSource dataSource,
            WriteDurability writeDurability,
            RebuildService rebuilds,
            EmbeddedBackup backup) {
        H2CompactionSettings settings = H2CompactionSettings.from(environment);
        String url = dataSourceProperties.determineUrl();
        // only an H2 file has a group commit, which counts the commands that write
        H2GroupCommit commits = writeDurability instanceof H2GroupCommit groupCommit ? groupCommit : null;
        H2IdleCompaction compaction = new H2IdleCompaction(
                url,
                dataSourceProperties.determineUsername(),
                dataSourceProperties.determinePassword(),
                settings.above(),
                settings.idleAfter(),
                commits == null ? () -> 0L : commits::asked,
                () -> rebuilds.anyRunning() || backup.running());
        if (settings.whenIdle()
                && commits != null
                && H2StartCompaction.file(url).isPresent()) {
            compaction.start();
        }
        return compaction;
    }

    /**
     * How often the Activity processor's coordinator is told to look for new events besides after each of this node's
     * commits (see {@link NudgedEventSource}): for the events of the other nodes of a cluster. Each look is a query of
     * the store, also while the service is idle.
     */
    private static final Duration ACTIVITY_NUDGE = Duration.ofMillis(500);

    /** The thread that tells the Activity processor's coordinator to look for new events. */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService activityNudges() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "activity-nudges");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Every 2 s, on a thread of its own (while the database is away, each look waits for a connection): whether the
     * Activity processor may go on at once after an outage instead of after its back-off ({@link ActivityRecovery}).
     */
    @Bean
    public BackgroundTask activityRecovery(
            org.axonframework.config.Configuration axon, ActivityFailures failures, DataSource dataSource) {
        Supplier<Optional<StreamingEventProcessor>> processor = () -> axon.eventProcessingConfiguration()
                .eventProcessor(ActivityProjection.PROCESSING_GROUP, StreamingEventProcessor.class);
        ActivityRecovery recovery = new ActivityRecovery(
                // its coordinator failed to read the store, or its work failed to store an event (which holds the
                // segment back for a while, up to a minute)
                () -> processor
                        .get()
                        .filter(StreamingEventProcessor::isRunning)
                        .map(activity -> activity.isError() || failures.failing(Duration.ofMinutes(2)))
                        .orElse(false),
                () -> answers(dataSource),
                // its one segment: claimed again, it runs the coordinator at once
                () -> processor.get().ifPresent(activity -> activity.claimSegment(0)));
        return new BackgroundTask("activity-recovery")
                .every("Looking whether Activity > Actions may go on", 2, 2, TimeUnit.SECONDS, recovery);
    }

    private static boolean answers(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Activity > Actions: a pooled streaming processor of one segment (one node of a cluster processes at a time; the
     * others take over its claim should it stop), batches of 100 events per transaction. A failing event is retried,
     * never skipped (a skipped event would be a hole in the audit trail).
     */
    @Bean
    public ConfigurerModule activityProcessor(ActivityFailures failures, ScheduledExecutorService activityNudges) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessor(
                        ActivityProjection.PROCESSING_GROUP,
                        configuration ->
                                new NudgedEventSource(configuration.eventStore(), activityNudges, ACTIVITY_NUDGE),
                        (configuration, builder) -> builder.batchSize(100).initialSegmentCount(1))
                .registerListenerInvocationErrorHandler(ActivityProjection.PROCESSING_GROUP, c -> failures);
    }
}
