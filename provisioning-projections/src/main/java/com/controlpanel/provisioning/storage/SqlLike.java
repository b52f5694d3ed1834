package com.controlpanel.provisioning.storage;

/** Text matched literally inside a SQL {@code LIKE} pattern written with {@code ESCAPE '!'}. */
public final class SqlLike {

    private SqlLike() {}

    /** The text with {@code !}, {@code %} and {@code _} escaped: they match themselves, not anything. */
    public static String escaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
