package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.security.ScimClient;
import com.controlpanel.provisioning.web.RequestIdFilter;
import com.controlpanel.provisioning.web.UnicodeText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ContentTooLargeException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** What a SCIM request brings: the calling organization, and its JSON body read within the size limit. */
@Component
public class ScimRequests {

    private final ScimProperties properties;

    public ScimRequests(ScimProperties properties) {
        this.properties = properties;
    }

    /** The organization's SCIM integration, as the bearer token identified it. */
    public static ScimClient client() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ScimClient client) {
            return client;
        }
        throw new IllegalStateException("A SCIM endpoint was reached without a SCIM bearer token");
    }

    /** Who acts (the organization's SCIM integration) and in which request: recorded with every event. */
    public static CommandContext context(HttpServletRequest request) {
        return new CommandContext(
                client().actor(), RequestIdFilter.requestId(request), request.getHeader("User-Agent"));
    }

    /**
     * The body as a JSON object. Accepts {@code application/scim+json} and {@code application/json} (UTF-8, or the
     * charset the Content-Type names);
     * larger than {@code provisioning.scim.max-body-bytes}: 413; not a JSON object: 400 invalidSyntax.
     */
    public ObjectNode body(HttpServletRequest request) throws ScimException {
        String contentType = request.getContentType();
        if (contentType != null && !json(contentType)) {
            throw new ScimException(
                    415, null, "Send the body as application/scim+json or application/json, not " + contentType);
        }
        long limit = properties.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes = read(request, limit);
        if (bytes.length == 0) {
            throw BadRequestException.invalidSyntax("A JSON body is required");
        }
        JsonNode node;
        try {
            node = ScimJson.read(bytes, charset(contentType));
        } catch (JsonProcessingException e) {
            throw BadRequestException.invalidSyntax("The body is not valid JSON: " + problem(e));
        } catch (IOException e) {
            throw BadRequestException.invalidSyntax("The body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw BadRequestException.invalidSyntax("The body must be a JSON object");
        }
        requireReadable(node, "", 1);
        return (ObjectNode) node;
    }

    /** How deep objects and arrays may nest in a body: no SCIM resource needs more than a few levels. */
    static final int MAX_NESTING = 100;

    /**
     * Objects and arrays nest at most {@link #MAX_NESTING} deep in the body (stored in an event, a deeper one would be
     * too deep to write; the parser's own limit is 1,000), and every string is Unicode text: not half of a surrogate
     * pair, which JSON can escape. One walk of the body for both.
     */
    private static void requireReadable(JsonNode node, String pointer, int depth) throws BadRequestException {
        if (node.isContainerNode() && depth > MAX_NESTING) {
            throw BadRequestException.invalidSyntax(
                    "The body nests objects and arrays more than " + MAX_NESTING + " deep");
        }
        if (node.isTextual()) {
            int at = UnicodeText.loneSurrogate(node.textValue());
            if (at >= 0) {
                throw BadRequestException.invalidValue("The value at '" + (pointer.isEmpty() ? "/" : pointer)
                        + "' is not Unicode text: it holds half of a surrogate pair ("
                        + UnicodeText.escaped(node.textValue(), at) + ")");
            }
        } else if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                requireReadable(field.getValue(), pointer + "/" + field.getKey(), depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireReadable(node.get(i), pointer + "/" + i, depth + 1);
            }
        }
    }

    /** The charset a body declares (JSON is UTF-8 unless it says otherwise); one this JVM does not know: 415. */
    private static Charset charset(String contentType) throws ScimException {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String name = parameter.substring(equals + 1).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new ScimException(
                            415,
                            null,
                            "The body's charset " + name + " is not one this service reads:" + " send UTF-8");
                }
            }
        }
        return null;
    }

    /** Jackson's complaint without its source excerpt or the names of its settings, with where it was found. */
    private static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token")) {
            // Jackson's words name its classes and settings
            message = "more JSON follows the body's object: send one JSON value";
        }
        int cut = message.indexOf(" (start marker");
        message = cut < 0 ? message : message.substring(0, cut);
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        message = message.replaceAll(", from `[^`]*`", "");
        var location = e.getLocation();
        return location == null
                ? message
                : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static boolean json(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return mediaType.equals("application/scim+json")
                || mediaType.equals("application/json")
                || (mediaType.startsWith("application/")
                        && mediaType.endsWith("+json")
                        && !mediaType.equals("application/*+json"));
    }

    private static byte[] read(HttpServletRequest request, long limit) throws ScimException {
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw BadRequestException.invalidSyntax("The body could not be read");
        }
    }

    private static ContentTooLargeException tooLarge(long limit) {
        return new ContentTooLargeException("The body is larger than the " + limit + " bytes this server accepts");
    }
}
