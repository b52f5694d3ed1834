package com.controlpanel.provisioning.security;

import java.util.List;
import java.util.Map;

/**
 * A browser as an admin recognises it in the list of where they are signed in ("Firefox on Windows"), from the
 * {@code User-Agent} header it sent when it signed in. Only the common browsers and systems are named; anything else
 * is named by the first word of its header ("Java-http-client"), and no header at all is "an unknown browser".
 */
final class Browsers {

    /** The longest name kept of a header nothing here recognises. */
    private static final int LONGEST_OTHER = 40;

    /** Tokens in the order they must be looked for: Edge and Opera also call themselves Chrome, Chrome Safari. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"),
            Map.entry("EdgiOS/", "Edge"),
            Map.entry("OPR/", "Opera"),
            Map.entry("Firefox/", "Firefox"),
            Map.entry("FxiOS/", "Firefox"),
            Map.entry("CriOS/", "Chrome"),
            Map.entry("Chrome/", "Chrome"),
            Map.entry("Safari/", "Safari"));

    /** iPhones and iPads also say "like Mac OS X", Android "Linux", ChromeOS "Linux" too on some builds. */
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("iPhone", "iPhone"),
            Map.entry("iPad", "iPad"),
            Map.entry("Android", "Android"),
            Map.entry("CrOS", "ChromeOS"),
            Map.entry("Windows", "Windows"),
            Map.entry("Mac OS X", "macOS"),
            Map.entry("Macintosh", "macOS"),
            Map.entry("Linux", "Linux"));

    private Browsers() {}

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "an unknown browser";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser == null && system == null) {
            return other(userAgent);
        }
        if (browser == null) {
            return "a browser on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> known, String userAgent) {
        for (Map.Entry<String, String> token : known) {
            if (userAgent.contains(token.getKey())) {
                return token.getValue();
            }
        }
        return null;
    }

    /** The first word of the header ("curl/8.5.0" as "curl"), printable characters only, kept short. */
    private static String other(String userAgent) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < userAgent.length() && name.length() < LONGEST_OTHER; i++) {
            char c = userAgent.charAt(i);
            if (c == '/' || c == ' ' || c == '(' || c == ';') {
                if (name.length() > 0) {
                    break;
                }
                continue;
            }
            if (c > ' ' && c < 0x7f) {
                name.append(c);
            }
        }
        return name.length() == 0 ? "an unknown browser" : name.toString();
    }
}
