package com.controlpanel.provisioning.ui.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileDetailTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    void eachAttributeIsLabelledInWordsWithItsValueInWordsInTheOrderSent() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("title", "Rear Admiral");
        attributes.put(
                "phoneNumbers",
                List.of(
                        Map.of("value", "+1 555 0100", "type", "Work", "primary", true),
                        Map.of("value", "+1 555 0199")));
        attributes.put("profileUrl", "https://example.com/grace");
        attributes.put(ENTERPRISE, new LinkedHashMap<>(Map.of("employeeNumber", "1906")));
        @SuppressWarnings("unchecked")
        Map<String, Object> enterprise = (Map<String, Object>) attributes.get(ENTERPRISE);
        enterprise.put("manager", Map.of("value", "boss-1", "displayName", "Ada King"));

        assertThat(ProfileDetail.of(attributes))
                .containsExactly(
                        new ProfileDetail("Title", "title", "Rear Admiral"),
                        new ProfileDetail("Phone numbers", "phoneNumbers", "+1 555 0100 (work, primary); +1 555 0199"),
                        new ProfileDetail("Profile URL", "profileUrl", "https://example.com/grace"),
                        new ProfileDetail("Employee number", ENTERPRISE + ":employeeNumber", "1906"),
                        new ProfileDetail("Manager", ENTERPRISE + ":manager", "Ada King (boss-1)"));
    }

    @Test
    void anAttributeWithoutAValueIsLeftOut() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("nickName", "");
        attributes.put("emails", List.of());
        attributes.put("title", null);
        attributes.put(ENTERPRISE, Map.of("manager", Map.of()));
        assertThat(ProfileDetail.of(attributes)).isEmpty();
    }

    @Test
    void anAddressIsItsFormattedTextOrItsParts() {
        assertThat(ProfileDetail.words(Map.of("formatted", "1 Main St, Springfield", "type", "work")))
                .isEqualTo("1 Main St, Springfield (work)");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("type", "work");
        parts.put("country", "US");
        parts.put("streetAddress", "1 Main St");
        parts.put("locality", "Springfield");
        assertThat(ProfileDetail.words(parts)).isEqualTo("1 Main St, Springfield, US (work)");
        // two of them: told apart from the commas of each
        assertThat(ProfileDetail.words(List.of(parts, Map.of("formatted", "2 Side St, Shelbyville"))))
                .isEqualTo("1 Main St, Springfield, US (work); 2 Side St, Shelbyville");
        assertThat(ProfileDetail.words(Map.of("building", "B")))
                .as("other parts")
                .isEqualTo("building: B");
    }

    @Test
    void namesReadAsWords() {
        assertThat(ProfileDetail.label("employeeNumber")).isEqualTo("Employee number");
        assertThat(ProfileDetail.label("costCenter")).isEqualTo("Cost center");
        assertThat(ProfileDetail.label("timezone")).isEqualTo("Time zone");
        assertThat(ProfileDetail.label("x509Certificates")).isEqualTo("X.509 certificates");
        assertThat(ProfileDetail.label("urn")).isEqualTo("Urn");
    }
}
