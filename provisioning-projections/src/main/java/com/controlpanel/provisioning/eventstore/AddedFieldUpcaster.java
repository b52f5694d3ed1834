package com.controlpanel.provisioning.eventstore;

import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Brings an event stored in an older revision to the next one, which added a field the old one did not record: the
 * field is there, null ("not recorded"), never a value made up. The event's record then reads it as it reads a new
 * event, and history shows the old event in the current shape.
 */
public final class AddedFieldUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final String field;

    public AddedFieldUpcaster(Class<?> eventType, String fromRevision, String toRevision, String field) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventType.getName(), toRevision);
        this.field = field;
    }

    /** The upcasters of every event whose form has changed since it was first stored, oldest change first. */
    public static List<AddedFieldUpcaster> all() {
        return List.of(
                // revision 2 names the token the new one revokes
                new AddedFieldUpcaster(ProvisioningCredentialsIssued.class, "1", "2", "previousCredentialId"),
                // revision 2 names the token that stops working
                new AddedFieldUpcaster(ProvisioningDisabled.class, "1", "2", "credentialId"));
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload;
            if (!node.has(field)) {
                node.putNull(field);
            }
            return node;
        });
    }
}
