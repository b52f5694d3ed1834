package com.controlpanel.provisioning.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** SCIM answers: always {@code application/scim+json}, with the resource's ETag and, on creation, its Location. */
public final class ScimResponses {

    public static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json;charset=UTF-8");

    private ScimResponses() {}

    public static ResponseEntity<byte[]> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(SCIM_JSON).body(ScimJson.bytes(body));
    }

    /** A resource with its {@link ETags ETag}; {@code location} (absolute) is set on 201 Created. */
    public static ResponseEntity<byte[]> resource(HttpStatus status, ObjectNode body, String etag, String location) {
        var response = ResponseEntity.status(status).contentType(SCIM_JSON).eTag(etag);
        if (location != null) {
            response.header(HttpHeaders.LOCATION, location);
        }
        return response.body(ScimJson.bytes(body));
    }

    public static ResponseEntity<byte[]> notModified(String etag) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }

    public static ResponseEntity<byte[]> noContent() {
        return ResponseEntity.noContent().build();
    }

    /** 204 with the resource's new ETag: a client can send its next change with {@code If-Match} without a read. */
    public static ResponseEntity<byte[]> noContent(String etag) {
        return ResponseEntity.noContent().eTag(etag).build();
    }

    /** RFC 7644 §3.4.2: the total, the 1-based index of the first resource, and as many as are on this page. */
    public static ResponseEntity<byte[]> list(long total, int startIndex, List<ObjectNode> resources) {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        body.put("totalResults", total);
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", resources.size());
        ArrayNode items = body.putArray("Resources");
        resources.forEach(items::add);
        return ok(body);
    }
}
