package com.controlpanel.provisioning.domain.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who asked for a change. It travels as message metadata from the command to its events, so the audit trail shows
 * who did what; it never decides an outcome.
 */
public record Actor(Kind kind, String id, String name) {

    public static final String KIND = "actorKind";
    public static final String ID = "actorId";
    public static final String NAME = "actorName";
    public static final String REQUEST_ID = "requestId";
    public static final String CLIENT = "client";

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system", "System");

    /** The kinds of actor the Activity timeline tells apart. */
    public enum Kind {
        /** An administrator, through the Control Panel or the JSON API. */
        ADMIN,
        /** The organization's SCIM integration (Okta, Entra ID...). */
        IDENTITY_PROVIDER,
        /** The service itself (first start, maintenance). */
        SYSTEM
    }

    public Actor {
        if (kind == null) {
            throw new InvalidValueException("actor kind is required");
        }
        id = id == null ? "" : id;
        name = name == null ? "" : name;
    }

    public static Actor admin(AdminId adminId, String email) {
        return new Actor(Kind.ADMIN, adminId.value(), email);
    }

    /** The SCIM integration of an organization; the credential says which token was used. */
    public static Actor identityProvider(CredentialId credential) {
        return new Actor(Kind.IDENTITY_PROVIDER, credential.value(), "Okta (SCIM)");
    }

    public Map<String, String> toMetaData() {
        Map<String, String> metaData = new LinkedHashMap<>();
        metaData.put(KIND, kind.name());
        metaData.put(ID, id);
        metaData.put(NAME, name);
        return metaData;
    }

    /** Reads an actor back from event metadata; events recorded without one are the system's. */
    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object kind = metaData.get(KIND);
        if (kind == null) {
            return SYSTEM;
        }
        Kind parsed;
        try {
            parsed = Kind.valueOf(kind.toString());
        } catch (IllegalArgumentException e) {
            return SYSTEM;
        }
        Object id = metaData.get(ID);
        Object name = metaData.get(NAME);
        return new Actor(parsed, id == null ? null : id.toString(), name == null ? null : name.toString());
    }
}
