package com.controlpanel.provisioning.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.testing.EventExamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Events stored in an older revision, as pinned by {@code src/test/resources/events/<Type>.<revision>.json}, read
 * through the service's upcasters: they come back as the current record, with the field their revision did not record
 * null (not recorded), never a value made up.
 */
class AddedFieldUpcasterTest {

    private static final Path GOLDEN = Path.of("src/test/resources/events");

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(EventJson.events())
            .revisionResolver(new AnnotationRevisionResolver())
            .build();

    /**
     * The stored revision 1 becomes revision 2 with the field present and null: the revision matters, since the
     * upcaster of a later change (2 to 3) is only applied to what reads as 2.
     */
    @Test
    void anOldRevisionIsBroughtToTheNextWithTheAddedFieldNull() throws IOException {
        List<IntermediateEventRepresentation> upcasted = new EventUpcasterChain(AddedFieldUpcaster.all())
                .upcast(Stream.of(new InitialEventRepresentation(
                        entry(ProvisioningDisabled.class, "1", golden("ProvisioningDisabled.1.json")), serializer)))
                .toList();
        assertThat(upcasted).hasSize(1);
        assertThat(upcasted.get(0).getType().getRevision()).isEqualTo("2");
        JsonNode payload = upcasted.get(0).getData(JsonNode.class).getData();
        assertThat(payload.has("credentialId")).isTrue();
        assertThat(payload.get("credentialId").isNull()).isTrue();
        assertThat(payload.get("organizationId").asText()).isEqualTo(EventExamples.ORG.value());
    }

    @Test
    void credentialsIssuedInRevision1ReadAsRevision2WithNoPreviousTokenNamed() throws IOException {
        ProvisioningCredentialsIssued current =
                (ProvisioningCredentialsIssued) EventExamples.all().get("ProvisioningCredentialsIssued");
        assertThat(read(ProvisioningCredentialsIssued.class, "1", golden("ProvisioningCredentialsIssued.1.json")))
                .isEqualTo(new ProvisioningCredentialsIssued(
                        current.organizationId(), current.credentialId(), current.tokenHash(), null));
    }

    @Test
    void provisioningDisabledInRevision1ReadsAsRevision2WithNoTokenNamed() throws IOException {
        ProvisioningDisabled current =
                (ProvisioningDisabled) EventExamples.all().get("ProvisioningDisabled");
        assertThat(read(ProvisioningDisabled.class, "1", golden("ProvisioningDisabled.1.json")))
                .isEqualTo(new ProvisioningDisabled(current.organizationId(), null));
    }

    @Test
    void theCurrentRevisionIsLeftAsItIs() {
        Object current = EventExamples.all().get("ProvisioningCredentialsIssued");
        byte[] stored = serializer.serialize(current, byte[].class).getData();
        assertThat(read(ProvisioningCredentialsIssued.class, "2", stored)).isEqualTo(current);
    }

    private static byte[] golden(String file) throws IOException {
        return Files.readAllBytes(GOLDEN.resolve(file));
    }

    private Object read(Class<?> type, String revision, byte[] payload) {
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(entry(type, revision, payload)),
                        serializer,
                        new EventUpcasterChain(AddedFieldUpcaster.all()))
                .asStream()
                .toList();
        assertThat(messages).hasSize(1);
        return messages.get(0).getPayload();
    }

    private static GenericDomainEventEntry<byte[]> entry(Class<?> type, String revision, byte[] payload) {
        return new GenericDomainEventEntry<>(
                "Organization",
                EventExamples.ORG.value(),
                3L,
                "event-1",
                Instant.parse("2026-01-05T14:30:00Z"),
                type.getName(),
                revision,
                payload,
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
