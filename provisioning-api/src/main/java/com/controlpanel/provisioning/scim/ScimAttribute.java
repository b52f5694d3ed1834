package com.controlpanel.provisioning.scim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attribute of a SCIM schema, as RFC 7643 §7 describes it. The same definitions are served by {@code /Schemas} and
 * used to read requests (names matched case-insensitively, booleans sent as strings), to resolve filters and to
 * select attributes: what is advertised is what is done.
 */
public record ScimAttribute(
        String name,
        Type type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        String uniqueness,
        List<String> canonicalValues,
        List<String> referenceTypes,
        List<ScimAttribute> subAttributes) {

    /** The attribute's data type. */
    public enum Type {
        STRING,
        BOOLEAN,
        DECIMAL,
        INTEGER,
        DATETIME,
        BINARY,
        REFERENCE,
        COMPLEX;

        public String wire() {
            return this == DATETIME ? "dateTime" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether and how a client may change the attribute. */
    public enum Mutability {
        READ_ONLY("readOnly"),
        READ_WRITE("readWrite"),
        IMMUTABLE("immutable"),
        WRITE_ONLY("writeOnly");

        private final String wire;

        Mutability(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** When the attribute is returned. */
    public enum Returned {
        ALWAYS,
        NEVER,
        DEFAULT,
        REQUEST;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ScimAttribute {
        canonicalValues = List.copyOf(canonicalValues);
        referenceTypes = List.copyOf(referenceTypes);
        subAttributes = List.copyOf(subAttributes);
    }

    /** The sub-attribute of this name, compared case-insensitively. */
    public Optional<ScimAttribute> subAttribute(String subName) {
        // a loop, not a stream: a PATCH looks up every sub-attribute of every value it writes
        for (ScimAttribute sub : subAttributes) {
            if (sub.name.equalsIgnoreCase(subName)) {
                return Optional.of(sub);
            }
        }
        return Optional.empty();
    }

    public boolean complex() {
        return type == Type.COMPLEX;
    }

    /** A string attribute, read-write, returned by default, case-insensitive. */
    public static ScimAttribute string(String name, String description) {
        return new ScimAttribute(
                name,
                Type.STRING,
                false,
                description,
                false,
                false,
                Mutability.READ_WRITE,
                Returned.DEFAULT,
                "none",
                List.of(),
                List.of(),
                List.of());
    }

    public static ScimAttribute bool(String name, String description) {
        return string(name, description).withType(Type.BOOLEAN, false);
    }

    public static ScimAttribute reference(String name, String description, String... referenceTypes) {
        return new ScimAttribute(
                name,
                Type.REFERENCE,
                false,
                description,
                false,
                true,
                Mutability.READ_WRITE,
                Returned.DEFAULT,
                "none",
                List.of(),
                List.of(referenceTypes),
                List.of());
    }

    public static ScimAttribute complex(String name, String description, ScimAttribute... subAttributes) {
        return new ScimAttribute(
                name,
                Type.COMPLEX,
                false,
                description,
                false,
                false,
                Mutability.READ_WRITE,
                Returned.DEFAULT,
                "none",
                List.of(),
                List.of(),
                List.of(subAttributes));
    }

    public ScimAttribute withType(Type newType, boolean newCaseExact) {
        return new ScimAttribute(
                name,
                newType,
                multiValued,
                description,
                required,
                newCaseExact,
                mutability,
                returned,
                uniqueness,
                canonicalValues,
                referenceTypes,
                subAttributes);
    }

    public ScimAttribute asMultiValued() {
        return new ScimAttribute(
                name,
                type,
                true,
                description,
                required,
                caseExact,
                mutability,
                returned,
                uniqueness,
                canonicalValues,
                referenceTypes,
                subAttributes);
    }

    public ScimAttribute asRequired() {
        return new ScimAttribute(
                name,
                type,
                multiValued,
                description,
                true,
                caseExact,
                mutability,
                returned,
                uniqueness,
                canonicalValues,
                referenceTypes,
                subAttributes);
    }

    public ScimAttribute asCaseExact() {
        return withType(type, true);
    }

    public ScimAttribute uniqueness(String newUniqueness) {
        return new ScimAttribute(
                name,
                type,
                multiValued,
                description,
                required,
                caseExact,
                mutability,
                returned,
                newUniqueness,
                canonicalValues,
                referenceTypes,
                subAttributes);
    }

    public ScimAttribute mutability(Mutability newMutability) {
        return new ScimAttribute(
                name,
                type,
                multiValued,
                description,
                required,
                caseExact,
                newMutability,
                returned,
                uniqueness,
                canonicalValues,
                referenceTypes,
                subAttributes.stream().map(sub -> sub.mutability(newMutability)).toList());
    }

    public ScimAttribute returned(Returned newReturned) {
        return new ScimAttribute(
                name,
                type,
                multiValued,
                description,
                required,
                caseExact,
                mutability,
                newReturned,
                uniqueness,
                canonicalValues,
                referenceTypes,
                subAttributes);
    }

    public ScimAttribute canonicalValues(String... values) {
        return new ScimAttribute(
                name,
                type,
                multiValued,
                description,
                required,
                caseExact,
                mutability,
                returned,
                uniqueness,
                List.of(values),
                referenceTypes,
                subAttributes);
    }
}
