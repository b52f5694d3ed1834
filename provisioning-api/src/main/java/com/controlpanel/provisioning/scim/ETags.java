package com.controlpanel.provisioning.scim;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Versions on the wire: a resource's {@code meta.version} and {@code ETag} are the weak ETag {@code W/"<n>"} of its
 * aggregate's sequence number; {@code If-Match} and {@code If-None-Match} are compared against it.
 */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header requires, for the command's version check: null when there is no header
     * or it is {@code *}. An ETag that is no version of ours can never match: -1.
     */
    public static Long ifMatch(HttpServletRequest request) {
        String header = request.getHeader("If-Match");
        if (header == null || header.isBlank()) {
            return null;
        }
        List<Long> versions = versions(header);
        if (versions == null) {
            return null;
        }
        return versions.isEmpty() ? -1L : versions.get(0);
    }

    /** Whether an {@code If-None-Match} header names this version (or is {@code *}). */
    public static boolean noneMatchHits(HttpServletRequest request, long version) {
        String header = request.getHeader("If-None-Match");
        if (header == null || header.isBlank()) {
            return false;
        }
        List<Long> versions = versions(header);
        return versions == null || versions.contains(version);
    }

    /** The versions named by a list of ETags, weak or strong; null for {@code *}. */
    private static List<Long> versions(String header) {
        List<Long> versions = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            if (tag.equals("*")) {
                return null;
            }
            if (tag.startsWith("W/") || tag.startsWith("w/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            try {
                versions.add(Long.parseLong(tag));
            } catch (NumberFormatException e) {
                // not one of ours: it matches no version
            }
        }
        return versions;
    }
}
