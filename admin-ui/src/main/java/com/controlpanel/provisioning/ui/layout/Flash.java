package com.controlpanel.provisioning.ui.layout;

/** Names of the one-shot messages a page shows after a redirect: what was done, or why it was not. */
public final class Flash {

    /** What was just done ("Invited ann@example.com"). */
    public static final String NOTICE = "notice";

    /** Why it was not done: the domain's refusal, explained. */
    public static final String ALERT = "alert";

    private Flash() {}

    /** What a form of a member or team ("member", "team") deleted since its page was shown is told. */
    public static String goneMeanwhile(String what) {
        return "That " + what + " no longer exists (deleted meanwhile): nothing was changed.";
    }

    /**
     * A message that ends with a name, ended with a full stop unless the name already has one ("Deactivated Ana N.",
     * not "Ana N..").
     */
    public static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }
}
