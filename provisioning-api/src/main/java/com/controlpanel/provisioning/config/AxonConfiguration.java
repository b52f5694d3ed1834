package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.application.MemberAdministration;
import com.controlpanel.provisioning.application.MemberDeletion;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.application.TeamAdministration;
import com.controlpanel.provisioning.application.WriteDurability;
import com.controlpanel.provisioning.directory.DirectoryProjection;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.MemberTeams;
import com.controlpanel.provisioning.domain.member.MemberAggregate;
import com.controlpanel.provisioning.domain.organization.OrganizationAggregate;
import com.controlpanel.provisioning.domain.team.TeamAggregate;
import com.controlpanel.provisioning.eventstore.AddedFieldUpcaster;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.controlpanel.provisioning.eventstore.EventStoreSchema;
import com.controlpanel.provisioning.eventstore.MetaDataJson;
import com.controlpanel.provisioning.eventstore.OrganizationColumnAppender;
import com.controlpanel.provisioning.eventstore.TrackedEventsWithGaps;
import com.controlpanel.provisioning.registry.CommandSideProjection;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Axon without Axon Server: events in the relational database through Axon's JDBC engine, in the same Spring
 * transaction as the command-side lookups and the directory projection (both subscribing processors, whose failures
 * roll the command back).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AxonConfiguration.class);

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson(EventJson.events());
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson(EventJson.events());
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson(EventJson.events());
    }

    private static Serializer jackson(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return MetaDataJson.serializer(mapper);
    }

    /** Appends that lost a race with another node's are concurrency conflicts, on PostgreSQL too. */
    @Bean
    @Primary
    public PersistenceExceptionResolver eventStoreConflicts() {
        return new EventStoreConflicts();
    }

    /**
     * Brings events stored in an older form to the current one, wherever the store is read: the aggregates, the
     * processors, history, "as of" and rebuilds.
     */
    @Bean
    public EventUpcasterChain eventUpcasters() {
        return new EventUpcasterChain(AddedFieldUpcaster.all());
    }

    @Bean
    public EventStorageEngine eventStorageEngine(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .schema(EventStoreSchema.events())
                .appendEvents(new OrganizationColumnAppender())
                .readEventDataWithGaps(new TrackedEventsWithGaps())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(jackson(EventJson.snapshots()))
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .dataType(byte[].class)
                .build();
    }

    /**
     * The event store over the storage engine, as Axon's auto-configuration makes it, but without the copy of the
     * newest events it would keep in memory for the streams that have caught up (Axon's "optimized event
     * consumption"). Each stream reads the store itself, from where its processor stands. That copy is of events as
     * they were read: when the embedded H2 store shuts its database down (the disk full) and loses commits it had
     * shown, the copy keeps them, and Activity > Actions was handed the same lost event on every retry until a restart
     * (and could have passed over a later event stored at the same position). A stream that has caught up looks again
     * at each nudge of its processor ({@link NudgedEventSource}): one indexed query at once after each local commit of
     * events, and every 500 ms besides.
     */
    @Bean
    @Qualifier("eventStore")
    public EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        CommitSignallingEventStore store = new CommitSignallingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false));
        store.registerDispatchInterceptor(CommandInstants.stamping());
        return store;
    }

    /**
     * The processors' tokens, each claimed by the node processing it; another node takes over a claim left 10 s
     * unrefreshed. The embedded H2 file is opened by one process at a time, so there every start is the same owner:
     * a claim left by a process that was killed is taken over at once, not 10 s later (Activity would have lagged
     * that long behind the writes after such a restart). A process's own claims are its own to take again; on a shared
     * store each start is another owner ({@link #sharedNode}), whose predecessor's claims are taken once they time out.
     */
    @Bean
    public TokenStore tokenStore(
            ConnectionProvider connectionProvider, Serializer serializer, DataSourceProperties dataSource) {
        JdbcTokenStore.Builder tokens = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(EventStoreSchema.tokens())
                .claimTimeout(Duration.ofSeconds(10));
        tokens.nodeId(onlyProcess(dataSource) ? EMBEDDED_NODE : sharedNode());
        return tokens.build();
    }

    /**
     * The owner of this process's claims where several nodes share the store: Axon's default ({@code pid@host}) and a
     * random part, so that two nodes whose pid and host name are the same (containers on one host's network, each its
     * pid 1) are still two owners, rather than each taking the other's claim and processing the same events at once.
     */
    static String sharedNode() {
        String process = ManagementFactory.getRuntimeMXBean().getName();
        return process.substring(0, Math.min(process.length(), 200)) + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The owner of every token claim on the embedded H2 store (see {@link #tokenStore}). */
    static final String EMBEDDED_NODE = "embedded";

    /** Who acted and in which request travels from each command to the events it causes. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.KIND, Actor.ID, Actor.NAME, Actor.REQUEST_ID, Actor.CLIENT);
    }

    /*
     * How each aggregate is made from its events or its snapshot. Axon's Spring snapshotter looks the factories up
     * among the beans: without them it took no snapshot at all ("Aggregate Type is unknown in this snapshotter"). Each
     * bean hands over to the factory of the aggregate's repository, which Axon's configuration builds with every
     * parameter its handlers take (a factory built here would not know the Spring beans they are given).
     */
    @Bean
    public AggregateFactory<?> organizationAggregateFactory(
            ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new RepositoryAggregateFactory<>(OrganizationAggregate.type(), axon);
    }

    @Bean
    public AggregateFactory<?> memberAggregateFactory(ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new RepositoryAggregateFactory<>(MemberAggregate.type(), axon);
    }

    @Bean
    public AggregateFactory<?> teamAggregateFactory(ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new RepositoryAggregateFactory<>(TeamAggregate.type(), axon);
    }

    /**
     * Each aggregate, snapshotted every {@code snapshotThreshold} events. On H2, which only this process opens, the
     * aggregates a command loaded stay in memory for the next (weakly held: the collector takes them back when memory
     * runs short; a command that fails drops its aggregate from it). On PostgreSQL another node may have appended to
     * an aggregate since: a kept one could decide on an old state, so each command loads it from the store.
     */
    @Bean
    public ConfigurerModule aggregates(
            ProvisioningProperties properties, List<AggregateFactory<?>> factories, DataSourceProperties dataSource) {
        int threshold = properties.snapshotThreshold();
        boolean onlyThisProcess = onH2(dataSource);
        return configurer -> factories.forEach(factory -> {
            AggregateConfigurer<?> aggregate = AggregateConfigurer.defaultConfiguration(factory.getAggregateType())
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), threshold));
            if (onlyThisProcess) {
                aggregate.configureCache(c -> new WeakReferenceCache());
            }
            configurer.configureAggregate(aggregate);
        });
    }

    /** The aggregate factory of an aggregate's event-sourcing repository, looked up when first needed. */
    private record RepositoryAggregateFactory<A>(
            Class<A> aggregateType, ObjectProvider<org.axonframework.config.Configuration> axon)
            implements AggregateFactory<A> {

        @Override
        public Class<A> getAggregateType() {
            return aggregateType;
        }

        @Override
        public A createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
            @SuppressWarnings("unchecked")
            EventSourcingRepository<A> repository =
                    (EventSourcingRepository<A>) axon.getObject().repository(aggregateType);
            return repository.getAggregateFactory().createAggregateRoot(aggregateIdentifier, firstEvent);
        }
    }

    /** The processors that run inside the command's transaction; an exception there refuses the command. */
    @Bean
    public ConfigurerModule inTransactionProcessors() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(CommandSideProjection.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(DirectoryProjection.PROCESSING_GROUP)
                .assignProcessingGroup(CommandSideProjection.PROCESSING_GROUP, CommandSideProjection.PROCESSING_GROUP)
                .assignProcessingGroup(DirectoryProjection.PROCESSING_GROUP, DirectoryProjection.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        CommandSideProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(
                        DirectoryProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Commands that failed for a reason that may pass ({@link TransientCommandFailures}: another node's write to the
     * same aggregate, a lock not granted in time) are sent again, up to ten times, 25 to 75 ms apart; refusals never. A
     * retried command is handled in one of {@link CommandRetryThreads} (its asker waits meanwhile), which the stop
     * lets end before the database closes (the data source is theirs to outlive).
     */
    @Bean
    public CommandRetryThreads commandRetryThreads(DataSource dataSource) {
        return new CommandRetryThreads();
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, CommandRetryThreads commandRetryThreads) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(
                        new CommandRetries(commandRetryThreads.executor(), new TransientCommandFailures(), 10, 50))
                .build();
    }

    /**
     * On an H2 file, gives back at start the space its file holds for nothing (after a large push), before the pool
     * opens it. Static: a post-processor is made before the beans it looks at.
     */
    @Bean
    public static H2StartCompaction h2StartCompaction(Environment environment) {
        return new H2StartCompaction(environment);
    }

    /**
     * On an H2 file, commits reach the disk in groups and each command waits for its group; PostgreSQL writes its
     * commit record to disk before the commit returns.
     */
    @Bean
    public WriteDurability writeDurability(DataSourceProperties dataSource, DataSource pool) {
        if (onH2(dataSource) && !dataSource.determineUrl().startsWith("jdbc:h2:mem:")) {
            return new H2GroupCommit(
                    dataSource.determineUrl(),
                    dataSource.determineUsername(),
                    dataSource.determinePassword(),
                    () -> evictPooledConnections(pool),
                    H2GroupCommit.transactionStoreOf(pool));
        }
        return WriteDurability.AT_COMMIT;
    }

    /** Closes the pool's connections (each as soon as it is given back) so that the next ones are opened afresh. */
    private static void evictPooledConnections(DataSource pool) {
        try {
            if (pool.isWrapperFor(HikariDataSource.class)) {
                pool.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not close the pooled connections of the H2 database", e);
        }
    }

    @Bean
    public Commands commands(CommandGateway commandGateway, WriteDurability writeDurability) {
        return new Commands(commandGateway, writeDurability);
    }

    @Bean
    public OrganizationAdministration organizationAdministration(Commands commands) {
        return new OrganizationAdministration(commands);
    }

    /**
     * The teams a member is in, from the directory, which every command updates in its own transaction: what a member's
     * deletion answers (read in the deletion's transaction) and what its teams are then told.
     */
    @Bean
    public MemberTeams memberTeams(DirectoryQueries directory) {
        return (organizationId, memberId) ->
                directory.teamsOf(List.of(memberId)).getOrDefault(memberId, List.of()).stream()
                        .map(TeamRef::teamId)
                        .toList();
    }

    /** A member's deletion, then its teams' record of it leaving. */
    @Bean
    public MemberDeletion memberDeletion(Commands commands) {
        return new MemberDeletion(commands);
    }

    @Bean
    public MemberAdministration memberAdministration(Commands commands, MemberDeletion memberDeletion) {
        return new MemberAdministration(commands, memberDeletion);
    }

    @Bean
    public TeamAdministration teamAdministration(Commands commands) {
        return new TeamAdministration(commands);
    }

    /** Whether the store is H2, which only this process opens (a file it locks, or memory). */
    static boolean onH2(DataSourceProperties dataSource) {
        String url = dataSource.determineUrl();
        return url != null && url.startsWith("jdbc:h2:");
    }

    /** H2 as this service opens it: no other process can have it open (an H2 server mode would let others in). */
    static boolean onlyProcess(DataSourceProperties dataSource) {
        return onH2(dataSource)
                && !dataSource.determineUrl().toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE");
    }
}
