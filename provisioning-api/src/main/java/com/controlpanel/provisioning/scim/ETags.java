package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.ShownDigests;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.directory.TeamRow;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Versions on the wire: a resource's {@code meta.version} and {@code ETag} header are the weak ETag {@code W/"<n>"},
 * {@code n} its aggregate's sequence number, followed by {@code .<digest>} when it shows other resources (a User its
 * groups with their names, a Group who its members are): those change without an event of the resource itself (a
 * team renamed, a member deleted), and its ETag changes with them. {@code If-Match} and {@code If-None-Match} compare the whole tag;
 * clients treat it as opaque.
 */
public final class ETags {

    private ETags() {}

    /** A User's ETag: its version, and its groups ({@code teams}: all of them, whether the answer shows them or not). */
    public static String of(MemberRow row, List<TeamRef> teams) {
        return of(row.version(), ShownDigests.teams(teams));
    }

    public static String of(TeamRow row) {
        return of(row.version(), row.membersDigest());
    }

    static String of(long version, long digest) {
        return "W/\"" + opaque(version, digest) + "\"";
    }

    private static String opaque(long version, long digest) {
        return digest == 0 ? Long.toString(version) : version + "." + Long.toString(digest, 36);
    }

    /**
     * The version an {@code If-Match} header requires, for the command's version check: null when there is no header
     * or it is {@code *}; the resource's version when the header names its current ETag; else -1, which no aggregate
     * is at (the command is refused: 412). A change whose {@code If-None-Match} names the current ETag (or is
     * {@code *}: the resource exists) is refused here, 412, as RFC 9110 §13.1.2 has it for a method other than GET.
     */
    public static Long ifMatch(HttpServletRequest request, MemberRow current, Supplier<List<TeamRef>> teams)
            throws PreconditionFailedException {
        if (request.getHeader("If-Match") == null && request.getHeader("If-None-Match") == null) {
            return null;
        }
        return ifMatch(request, current.version(), ShownDigests.teams(teams.get()));
    }

    public static Long ifMatch(HttpServletRequest request, TeamRow current) throws PreconditionFailedException {
        return ifMatch(request, current.version(), current.membersDigest());
    }

    private static Long ifMatch(HttpServletRequest request, long version, long digest)
            throws PreconditionFailedException {
        String etag = of(version, digest);
        if (noneMatchHits(request, etag)) {
            throw new PreconditionFailedException("The resource is at " + etag + ", which If-None-Match names ("
                    + request.getHeader("If-None-Match").strip() + "): nothing was changed");
        }
        String header = request.getHeader("If-Match");
        if (header == null || header.isBlank()) {
            // a change made meanwhile could bring the resource to a version If-None-Match names: the command
            // requires the version it was checked at
            return request.getHeader("If-None-Match") == null ? null : version;
        }
        List<String> tags = tags(header);
        if (tags == null) {
            return null;
        }
        return tags.contains(opaque(version, digest)) ? version : -1L;
    }

    /** Whether an {@code If-Match} header is there and names neither this ETag nor {@code *} (a GET is then 412). */
    public static boolean matchMisses(HttpServletRequest request, String etag) {
        String header = request.getHeader("If-Match");
        if (header == null || header.isBlank()) {
            return false;
        }
        List<String> tags = tags(header);
        return tags != null && !tags.contains(opaque(etag));
    }

    /** Whether an {@code If-None-Match} header names this ETag (or is {@code *}). */
    public static boolean noneMatchHits(HttpServletRequest request, String etag) {
        String header = request.getHeader("If-None-Match");
        if (header == null || header.isBlank()) {
            return false;
        }
        List<String> tags = tags(header);
        return tags == null || tags.contains(opaque(etag));
    }

    /** The opaque parts of a list of ETags, weak or strong (weak comparison); null for {@code *}. */
    private static List<String> tags(String header) {
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            if (tag.equals("*")) {
                return null;
            }
            tags.add(opaque(tag));
        }
        return tags;
    }

    private static String opaque(String tag) {
        if (tag.startsWith("W/") || tag.startsWith("w/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        return tag;
    }
}
