package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.activity.ActivityProjection;
import com.controlpanel.provisioning.directory.DirectoryAsOf;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.history.AuditHistory;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.rebuild.WriteGate;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit side: the activity processor, reads of the event store, and rebuilds with their write gate. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    @Bean
    public WriteGate writeGate() {
        return new WriteGate();
    }

    /** Axon's local command bus, as its auto-configuration builds it, behind the write gate. */
    @Bean
    public CommandBus commandBus(
            TransactionManager transactionManager,
            org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicates,
            WriteGate gate) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
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
    public DirectoryAsOf directoryAsOf(EventStoreReader reader) {
        return new DirectoryAsOf(reader);
    }

    @Bean
    public RebuildService rebuildService(
            EventStoreReader reader, WriteGate gate, DataSource dataSource, List<ReadModelRebuild> readModels) {
        return new RebuildService(reader, gate, dataSource, readModels);
    }

    /**
     * Activity > Actions: a pooled streaming processor, one segment per node by default, batches of 100 events per
     * transaction. A failing event is retried, never skipped (a skipped event would be a hole in the audit trail).
     */
    @Bean
    public ConfigurerModule activityProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessor(
                        ActivityProjection.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        (configuration, builder) -> builder.batchSize(100).initialSegmentCount(1))
                .registerListenerInvocationErrorHandler(
                        ActivityProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
