package com.controlpanel.provisioning.scim;

import static com.controlpanel.provisioning.scim.ScimAttribute.bool;
import static com.controlpanel.provisioning.scim.ScimAttribute.complex;
import static com.controlpanel.provisioning.scim.ScimAttribute.reference;
import static com.controlpanel.provisioning.scim.ScimAttribute.string;

import com.controlpanel.provisioning.scim.ScimAttribute.Mutability;
import com.controlpanel.provisioning.scim.ScimAttribute.Returned;
import com.controlpanel.provisioning.scim.ScimAttribute.Type;
import com.unboundid.scim2.common.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schemas this service provider implements: the core User with the Enterprise User extension, and the core Group
 * (RFC 7643 §4, §8.7.1). Every attribute defined here is stored and returned as sent.
 */
public final class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static final ScimSchema USER_SCHEMA = new ScimSchema(
            USER,
            "User",
            "User Account",
            List.of(
                    string(
                                    "userName",
                                    "Unique identifier for the User, typically used to sign in; unique within the "
                                            + "organization, compared case-insensitively.")
                            .asRequired()
                            .uniqueness("server"),
                    complex(
                            "name",
                            "The components of the user's real name.",
                            string("formatted", "The full name, formatted for display."),
                            string("familyName", "The family name (last name)."),
                            string("givenName", "The given name (first name)."),
                            string("middleName", "The middle name(s)."),
                            string("honorificPrefix", "The honorific prefix(es), e.g. 'Ms.'."),
                            string("honorificSuffix", "The honorific suffix(es), e.g. 'III'.")),
                    string("displayName", "The name of the User, suitable for display to end-users."),
                    string("nickName", "The casual way to address the user."),
                    reference("profileUrl", "A fully qualified URL pointing to the User's online profile.", "external"),
                    string("title", "The user's title, such as 'Vice President'."),
                    string("userType", "The relationship between the organization and the user."),
                    string("preferredLanguage", "The User's preferred written or spoken language."),
                    string("locale", "The User's default location, e.g. 'en-US'."),
                    string("timezone", "The User's time zone in the 'Olson' time zone database format."),
                    bool(
                            "active",
                            "The User's administrative status: false deactivates the member (it is kept), true "
                                    + "reactivates it."),
                    string("password", "Accepted and discarded: this service provider never stores or returns it.")
                            .mutability(Mutability.WRITE_ONLY)
                            .returned(Returned.NEVER),
                    multiValued(
                            "emails",
                            "Email addresses for the user.",
                            string("value", "Email address."),
                            "work",
                            "home",
                            "other"),
                    multiValued(
                            "phoneNumbers",
                            "Phone numbers for the User.",
                            string("value", "Phone number."),
                            "work",
                            "home",
                            "mobile",
                            "fax",
                            "pager",
                            "other"),
                    multiValued(
                            "ims",
                            "Instant messaging addresses for the User.",
                            string("value", "Instant messaging address."),
                            "aim",
                            "gtalk",
                            "icq",
                            "xmpp",
                            "msn",
                            "skype",
                            "qq",
                            "yahoo"),
                    multiValued(
                            "photos",
                            "URLs of photos of the User.",
                            reference("value", "URL of a photo of the User.", "external"),
                            "photo",
                            "thumbnail"),
                    complex(
                                    "addresses",
                                    "A physical mailing address for this User.",
                                    string("formatted", "The full mailing address, formatted for display."),
                                    string("streetAddress", "The full street address component."),
                                    string("locality", "The city or locality component."),
                                    string("region", "The state or region component."),
                                    string("postalCode", "The zip code or postal code component."),
                                    string("country", "The country name component."),
                                    string("type", "A label indicating the address' function.")
                                            .canonicalValues("work", "home", "other"),
                                    bool("primary", "Whether this is the primary address."))
                            .asMultiValued(),
                    complex(
                                    "groups",
                                    "The teams the member belongs to (read-only: change them through /Groups).",
                                    string("value", "The id of the Group."),
                                    reference("$ref", "The URI of the Group.", "Group"),
                                    string("display", "The Group's displayName."),
                                    string("type", "How the member belongs to the Group.")
                                            .canonicalValues("direct"))
                            .asMultiValued()
                            .mutability(Mutability.READ_ONLY),
                    multiValued(
                            "entitlements",
                            "A list of entitlements for the User.",
                            string("value", "The entitlement.")),
                    multiValued("roles", "A list of roles for the User.", string("value", "The role.")),
                    multiValued(
                            "x509Certificates",
                            "A list of certificates issued to the User.",
                            string("value", "The DER-encoded X.509 certificate (base64).")
                                    .withType(Type.BINARY, true))));

    public static final ScimSchema ENTERPRISE_USER_SCHEMA = new ScimSchema(
            ENTERPRISE_USER,
            "EnterpriseUser",
            "Enterprise User",
            List.of(
                    string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
                    string("costCenter", "Identifies the name of a cost center."),
                    string("organization", "Identifies the name of an organization."),
                    string("division", "Identifies the name of a division."),
                    string("department", "Identifies the name of a department."),
                    complex(
                            "manager",
                            "The User's manager.",
                            string("value", "The id of the SCIM resource representing the User's manager."),
                            reference("$ref", "The URI of the SCIM resource representing the User's manager.", "User"),
                            string("displayName", "The displayName of the User's manager."))));

    public static final ScimSchema GROUP_SCHEMA = new ScimSchema(
            GROUP,
            "Group",
            "Group: a team of the Control Panel",
            List.of(
                    string(
                                    "displayName",
                                    "A human-readable name for the Group, unique within the organization "
                                            + "(compared case-insensitively).")
                            .asRequired()
                            .uniqueness("server"),
                    complex(
                                    "members",
                                    "The members of the Group: Users of the same organization (nested Groups are not "
                                            + "supported).",
                                    string("value", "The id of the member.")
                                            .mutability(Mutability.IMMUTABLE)
                                            .asCaseExact(),
                                    reference("$ref", "The URI of the member.", "User")
                                            .mutability(Mutability.IMMUTABLE),
                                    string("type", "The type of the member.")
                                            .canonicalValues("User")
                                            .mutability(Mutability.IMMUTABLE),
                                    string("display", "The member's name, for display.")
                                            .mutability(Mutability.READ_ONLY))
                            .asMultiValued()));

    public static final List<ScimSchema> ALL = List.of(USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA);

    private ScimSchemas() {}

    /** A multi-valued attribute with the usual value, display, type and primary sub-attributes. */
    private static ScimAttribute multiValued(
            String name, String description, ScimAttribute value, String... canonicalTypes) {
        return complex(
                        name,
                        description,
                        value,
                        string("display", "A human-readable name, primarily used for display purposes."),
                        string("type", "A label indicating the attribute's function.")
                                .canonicalValues(canonicalTypes),
                        bool("primary", "Whether this value is the preferred one."))
                .asMultiValued();
    }

    /**
     * Whether a URN lies where RFC 7643 keeps its own schemas and messages (the core schemas, the messages, the
     * Enterprise User extension): one there that this service does not serve names no schema at all, unlike a custom
     * extension's ({@code urn:ietf:params:scim:schemas:extension:acme:2.0:User}).
     */
    public static boolean reserved(String urn) {
        return startsWith(urn, "urn:ietf:params:scim:schemas:core:")
                || startsWith(urn, "urn:ietf:params:scim:api:")
                || startsWith(urn, "urn:ietf:params:scim:schemas:extension:enterprise:");
    }

    /**
     * An attribute name as sent, without the resource's own schema in front: {@code
     * urn:ietf:params:scim:schemas:core:2.0:User:title} is {@code title} (RFC 7644 §3.10: any attribute may be named
     * in full); any other name as it is.
     */
    public static String withoutSchema(String name, String schema) {
        return name.length() > schema.length() + 1 && startsWith(name, schema) && name.charAt(schema.length()) == ':'
                ? name.substring(schema.length() + 1)
                : name;
    }

    /** A PATCH path without the resource's own schema in front ({@code urn:…:core:2.0:User:name.givenName}). */
    public static Path withoutSchema(Path path, String schema) {
        if (path.getSchemaUrn() == null || !path.getSchemaUrn().equalsIgnoreCase(schema)) {
            return path;
        }
        Path plain = Path.root();
        for (Path.Element element : path) {
            plain = plain.attribute(element.getAttribute(), element.getValueFilter());
        }
        return plain;
    }

    /**
     * The schema a PATCH path names as a whole, if it does: {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}
     * (which a parser reads as a URN ending in {@code 2.0} and an attribute named after the resource type), or a URN
     * with a colon after it; null for a path to an attribute.
     */
    public static String namedSchema(Path path, String resourceType) {
        if (path.getSchemaUrn() == null) {
            return null;
        }
        if (path.size() == 0) {
            return path.getSchemaUrn();
        }
        Path.Element only = path.getElement(0);
        return path.size() == 1
                        && only.getValueFilter() == null
                        && only.getAttribute().equalsIgnoreCase(resourceType)
                ? path.getSchemaUrn() + ":" + only.getAttribute()
                : null;
    }

    /** A custom extension's attribute named in full: the extension's URN, and the attribute (or {@code a.b}) in it. */
    public record ExtensionAttribute(String schema, String attribute) {}

    private static final Pattern ATTRIBUTE_PATH =
            Pattern.compile("\\$?[A-Za-z][A-Za-z0-9_$-]*(\\.\\$?[A-Za-z][A-Za-z0-9_$-]*)?");

    /**
     * A key of a body or of a path-less PATCH value that names a custom extension's attribute in full (RFC 7644
     * §3.10): {@code urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge} is {@code badge} of {@code
     * urn:ietf:params:scim:schemas:extension:acme:2.0:User}. The extension is one of {@code known} (the resource's),
     * or any URN ending in {@code :User}, as a path naming a whole extension does. Empty for any other key: an
     * extension's own URN, a reserved one (the Enterprise User's attributes are read by their schema), no URN.
     */
    public static Optional<ExtensionAttribute> customExtensionAttribute(String key, Iterable<String> known) {
        if (!startsWith(key, "urn:") || reserved(key)) {
            return Optional.empty();
        }
        for (String schema : known) {
            if (key.length() > schema.length() + 1 && startsWith(key, schema) && key.charAt(schema.length()) == ':') {
                String attribute = key.substring(schema.length() + 1);
                return ATTRIBUTE_PATH.matcher(attribute).matches()
                        ? Optional.of(new ExtensionAttribute(schema, attribute))
                        : Optional.empty();
            }
        }
        int colon = key.lastIndexOf(':');
        String schema = key.substring(0, colon);
        String attribute = key.substring(colon + 1);
        return schema.regionMatches(true, schema.length() - ":User".length(), ":User", 0, ":User".length())
                        && ATTRIBUTE_PATH.matcher(attribute).matches()
                ? Optional.of(new ExtensionAttribute(schema, attribute))
                : Optional.empty();
    }

    private static boolean startsWith(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
