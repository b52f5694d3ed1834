package com.controlpanel.provisioning.activity;

import java.util.List;
import java.util.Optional;

/**
 * The actions Activity > Actions records ({@link ActivityDescriber} names them), by category, with the words the
 * Control Panel uses for them; what a filter by action may name.
 */
public final class ActivityActions {

    /** One action, e.g. {@code member.invited}. */
    public record Action(String name, String label) {}

    /** A category of actions, e.g. {@code member}: filtering by it shows all of them. */
    public record Category(String name, String label, List<Action> actions) {}

    public static final List<Category> CATEGORIES = List.of(
            new Category(
                    "member",
                    "Members",
                    List.of(
                            new Action("member.provisioned", "Member provisioned"),
                            new Action("member.invited", "Member invited"),
                            new Action("member.taken-over", "Member taken over by Okta"),
                            new Action("member.updated", "Member updated"),
                            new Action("member.deactivated", "Member deactivated"),
                            new Action("member.reactivated", "Member reactivated"),
                            new Action("member.deprovisioned", "Member deprovisioned"),
                            new Action("member.removed", "Member deleted"))),
            new Category(
                    "team",
                    "Teams",
                    List.of(
                            new Action("team.pushed", "Team pushed"),
                            new Action("team.created", "Team created"),
                            new Action("team.taken-over", "Team taken over by Okta"),
                            new Action("team.renamed", "Team renamed"),
                            new Action("team.external-id-changed", "Team external id changed"),
                            new Action("team.member-added", "Member added to team"),
                            new Action("team.member-removed", "Member removed from team"),
                            new Action("team.deleted", "Team deleted"))),
            new Category(
                    "provisioning",
                    "User provisioning",
                    List.of(
                            new Action("provisioning.enabled", "Provisioning switched on"),
                            new Action("provisioning.disabled", "Provisioning switched off"),
                            new Action("provisioning.credentials-issued", "Credentials issued"))),
            new Category(
                    "organization",
                    "Organization",
                    List.of(
                            new Action("organization.created", "Organization created"),
                            new Action("organization.renamed", "Organization renamed"),
                            new Action("organization.admin-granted", "Admin added"),
                            new Action("organization.admin-revoked", "Admin removed"),
                            new Action("organization.admin-password-given", "Admin given a new password"))));

    private ActivityActions() {}

    /** An action or a category this timeline knows. */
    public static boolean known(String name) {
        return CATEGORIES.stream()
                .anyMatch(category -> category.name().equals(name)
                        || category.actions().stream()
                                .anyMatch(action -> action.name().equals(name)));
    }

    /** How an action is named on screen; an action recorded by a newer version keeps its own name. */
    public static String label(String name) {
        return find(name).map(Action::label).orElse(name);
    }

    /** The category of an action ("member" for {@code member.invited}): its colour on screen. */
    public static String category(String name) {
        int dot = name == null ? -1 : name.indexOf('.');
        return dot < 0 ? "other" : name.substring(0, dot);
    }

    /**
     * The actions of a category ("member": member.provisioned, member.invited…), or nothing if it is none this
     * version knows.
     */
    public static List<String> actionsOf(String category) {
        return CATEGORIES.stream()
                .filter(known -> known.name().equals(category))
                .flatMap(known -> known.actions().stream().map(Action::name))
                .toList();
    }

    private static Optional<Action> find(String name) {
        return CATEGORIES.stream()
                .flatMap(category -> category.actions().stream())
                .filter(action -> action.name().equals(name))
                .findFirst();
    }
}
