package com.controlpanel.provisioning.scim.discovery;

import com.controlpanel.provisioning.scim.ListRequest;
import com.controlpanel.provisioning.scim.ScimAttribute;
import com.controlpanel.provisioning.scim.ScimJson;
import com.controlpanel.provisioning.scim.ScimLinks;
import com.controlpanel.provisioning.scim.ScimProperties;
import com.controlpanel.provisioning.scim.ScimResponses;
import com.controlpanel.provisioning.scim.ScimSchema;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.web.PublicUrls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas} (RFC 7644 §4): what this service
 * provider supports, as it really does: PATCH, filters (with the page maximum), sorting and ETags yes; bulk and
 * password changes no; one authentication scheme, the bearer token.
 */
@RestController
@RequestMapping("/scim/v2/{tenant}")
public class DiscoveryController {

    private final ScimProperties properties;
    private final PublicUrls urls;

    public DiscoveryController(ScimProperties properties, PublicUrls urls) {
        this.properties = properties;
        this.urls = urls;
    }

    @GetMapping("/ServiceProviderConfig")
    public ResponseEntity<byte[]> serviceProviderConfig(HttpServletRequest request) throws ScimException {
        refuseFilter(request);
        ObjectNode config = ScimJson.object();
        config.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", properties.maxResults());
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", true);
        config.putObject("etag").put("supported", true);
        ObjectNode bearer = config.putArray("authenticationSchemes").addObject();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "OAuth Bearer Token");
        bearer.put(
                "description",
                "The Secret Token shown in the Control Panel when User provisioning is switched on, sent as "
                        + "'Authorization: Bearer <token>'");
        bearer.put("specUri", "https://datatracker.ietf.org/doc/html/rfc6750");
        bearer.put("primary", true);
        ObjectNode meta = config.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", links(request).tenantUrl() + "/ServiceProviderConfig");
        return ScimResponses.ok(config);
    }

    @GetMapping("/ResourceTypes")
    public ResponseEntity<byte[]> resourceTypes(HttpServletRequest request) throws ScimException {
        refuseFilter(request);
        ScimLinks links = links(request);
        List<ObjectNode> types = List.of(userType(links), groupType(links));
        return ScimResponses.list(types.size(), 1, types);
    }

    @GetMapping("/ResourceTypes/{id}")
    public ResponseEntity<byte[]> resourceType(@PathVariable String id, HttpServletRequest request)
            throws ScimException {
        ScimLinks links = links(request);
        if (id.equals("User")) {
            return ScimResponses.ok(userType(links));
        }
        if (id.equals("Group")) {
            return ScimResponses.ok(groupType(links));
        }
        throw new ResourceNotFoundException("No resource type '" + id + "': this server has User and Group");
    }

    @GetMapping("/Schemas")
    public ResponseEntity<byte[]> schemas(HttpServletRequest request) throws ScimException {
        refuseFilter(request);
        ScimLinks links = links(request);
        List<ObjectNode> schemas = new ArrayList<>();
        for (ScimSchema schema : ScimSchemas.ALL) {
            schemas.add(schema(schema, links));
        }
        return ScimResponses.list(schemas.size(), 1, schemas);
    }

    @GetMapping("/Schemas/{id}")
    public ResponseEntity<byte[]> schema(@PathVariable String id, HttpServletRequest request) throws ScimException {
        for (ScimSchema schema : ScimSchemas.ALL) {
            // a URN is the same in any case (RFC 8141), as in bodies, filters and attributes
            if (schema.id().equalsIgnoreCase(id)) {
                return ScimResponses.ok(schema(schema, links(request)));
            }
        }
        throw new ResourceNotFoundException("No schema '" + id + "' on this server");
    }

    /** RFC 7644 §4: a filter on these endpoints is refused rather than silently ignored. */
    private static void refuseFilter(HttpServletRequest request) throws ForbiddenException {
        if (ListRequest.parameter(request, "filter") != null) {
            throw new ForbiddenException("Discovery endpoints can not be filtered");
        }
    }

    private ScimLinks links(HttpServletRequest request) {
        return ScimLinks.of(request, urls);
    }

    private static ObjectNode userType(ScimLinks links) {
        return resourceType(
                "User",
                "/Users",
                "A member of the organization",
                ScimSchemas.USER,
                ScimSchemas.ENTERPRISE_USER,
                links.tenantUrl());
    }

    private static ObjectNode groupType(ScimLinks links) {
        return resourceType(
                "Group", "/Groups", "A team of the organization", ScimSchemas.GROUP, null, links.tenantUrl());
    }

    private static ObjectNode resourceType(
            String id, String endpoint, String description, String schema, String extension, String tenantUrl) {
        ObjectNode type = ScimJson.object();
        type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        type.put("id", id);
        type.put("name", id);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        if (extension != null) {
            ObjectNode schemaExtension = type.putArray("schemaExtensions").addObject();
            schemaExtension.put("schema", extension);
            schemaExtension.put("required", false);
        }
        ObjectNode meta = type.putObject("meta");
        meta.put("resourceType", "ResourceType");
        meta.put("location", tenantUrl + "/ResourceTypes/" + id);
        return type;
    }

    private static ObjectNode schema(ScimSchema schema, ScimLinks links) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.SCHEMA);
        node.put("id", schema.id());
        node.put("name", schema.name());
        node.put("description", schema.description());
        ArrayNode attributes = node.putArray("attributes");
        schema.attributes().forEach(attribute -> attributes.add(attribute(attribute)));
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Schema");
        meta.put("location", links.tenantUrl() + "/Schemas/" + schema.id());
        return node;
    }

    private static ObjectNode attribute(ScimAttribute attribute) {
        ObjectNode node = ScimJson.object();
        node.put("name", attribute.name());
        node.put("type", attribute.type().wire());
        node.put("multiValued", attribute.multiValued());
        node.put("description", attribute.description());
        node.put("required", attribute.required());
        if (!attribute.complex()) {
            node.put("caseExact", attribute.caseExact());
        }
        if (!attribute.canonicalValues().isEmpty()) {
            ArrayNode values = node.putArray("canonicalValues");
            attribute.canonicalValues().forEach(values::add);
        }
        if (!attribute.referenceTypes().isEmpty()) {
            ArrayNode types = node.putArray("referenceTypes");
            attribute.referenceTypes().forEach(types::add);
        }
        node.put("mutability", attribute.mutability().wire());
        node.put("returned", attribute.returned().wire());
        if (!attribute.complex()) {
            node.put("uniqueness", attribute.uniqueness());
        }
        if (attribute.complex()) {
            ArrayNode subAttributes = node.putArray("subAttributes");
            attribute.subAttributes().forEach(sub -> subAttributes.add(attribute(sub)));
        }
        return node;
    }
}
