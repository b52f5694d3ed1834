package com.controlpanel.provisioning.scim;

import java.util.List;
import java.util.Optional;

/** A SCIM schema (RFC 7643 §7): its URN, name and attributes. */
public record ScimSchema(String id, String name, String description, List<ScimAttribute> attributes) {

    public ScimSchema {
        attributes = List.copyOf(attributes);
    }

    /** The attribute of this name, compared case-insensitively. */
    public Optional<ScimAttribute> attribute(String attributeName) {
        return attributes.stream()
                .filter(attribute -> attribute.name().equalsIgnoreCase(attributeName))
                .findFirst();
    }
}
