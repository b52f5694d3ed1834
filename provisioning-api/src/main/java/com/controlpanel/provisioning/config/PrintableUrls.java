package com.controlpanel.provisioning.config;

import java.util.regex.Pattern;

/** A database URL as the service prints it: with no password, whether given as a parameter or before the host. */
final class PrintableUrls {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

    /** {@code //user:password@host}: the password, up to the last {@code @} before the path. */
    private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("(//[^/?#@:]*:)[^/?#]*@");

    private PrintableUrls() {}

    static String withoutPassword(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return PASSWORD_IN_AUTHORITY.matcher(masked).replaceAll("$1***@");
    }
}
