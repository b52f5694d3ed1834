package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.domain.api.Actor;

/** Who acted, in the words every page uses: on the Activity timeline and in a history alike. */
public final class ActorLabels {

    private ActorLabels() {}

    /** The admin's email, the SCIM integration's name, or the service itself. */
    public static String who(Actor.Kind kind, String name) {
        String known = name == null ? "" : name;
        return switch (kind) {
            case ADMIN -> known.isBlank() ? "An admin" : known;
            case IDENTITY_PROVIDER -> known.isBlank() ? "Okta (SCIM)" : known;
            case SYSTEM -> "System";
        };
    }

    /** What kind of actor, for the small line under the name. */
    public static String kind(Actor.Kind kind) {
        return switch (kind) {
            case ADMIN -> "Admin";
            case IDENTITY_PROVIDER -> "SCIM integration";
            case SYSTEM -> "The service";
        };
    }

    /** An actor kind as a timeline row stores it; one this version does not know is the service's. */
    public static Actor.Kind kindOf(String stored) {
        for (Actor.Kind kind : Actor.Kind.values()) {
            if (kind.name().equals(stored)) {
                return kind;
            }
        }
        return Actor.Kind.SYSTEM;
    }
}
