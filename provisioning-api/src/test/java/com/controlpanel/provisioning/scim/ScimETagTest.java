package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Versions: {@code meta.version} is the {@code ETag} (weak, the aggregate's sequence number); a stale
 * {@code If-Match} is 412 and changes nothing; {@code If-None-Match} with the current version is 304.
 */
@ApplicationTest
class ScimETagTest extends ScimTestSupport {

    @Test
    void theETagIsTheVersionAndMovesWithEachChange() {
        JsonNode created = createUser(unique("etag"));
        String id = created.get("id").asText();
        assertThat(created.get("meta").get("version").asText()).isEqualTo("W/\"0\"");
        var changed = patch("/Users/" + id, patchOp(op("replace", "title", "Versioned")));
        assertThat(changed.header("ETag")).isEqualTo("W/\"1\"");
        var read = get("/Users/" + id);
        assertThat(read.header("ETag"))
                .isEqualTo("W/\"1\"")
                .isEqualTo(read.json().get("meta").get("version").asText());
        JsonNode listed = get("/Users?filter=" + filter("id eq \"" + id + "\""))
                .json()
                .get("Resources")
                .get(0);
        assertThat(listed.get("meta").get("version").asText()).isEqualTo("W/\"1\"");
    }

    @Test
    void ifNoneMatchWithTheCurrentVersionIsNotModified() {
        String id = createUser(unique("etag-304")).get("id").asText();
        var notModified = scim.header("If-None-Match", "W/\"0\"").get("/Users/" + id);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo("W/\"0\"");
        assertThat(notModified.text()).isEmpty();
        assertThat(scim.header("If-None-Match", "W/\"7\"").get("/Users/" + id).status())
                .isEqualTo(200);

        String group = createGroup("ETag group").get("id").asText();
        assertThat(scim.header("If-None-Match", "W/\"0\"")
                        .get("/Groups/" + group)
                        .status())
                .isEqualTo(304);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String id = createUser(unique("etag-412")).get("id").asText();
        patch("/Users/" + id, patchOp(op("replace", "title", "Now at version 1")));
        JsonNode current = get("/Users/" + id).json();
        long events = eventCount();

        var stalePatch = scim.header("If-Match", "W/\"0\"")
                .send("PATCH", "/Users/" + id, patchOp(op("replace", "title", "Lost update")), SCIM_JSON);
        assertError(stalePatch, 412, null);
        ObjectNode body = (ObjectNode) current.deepCopy();
        body.put("title", "Lost update too");
        assertError(scim.header("If-Match", "W/\"0\"").send("PUT", "/Users/" + id, body, SCIM_JSON), 412, null);
        assertError(scim.header("If-Match", "W/\"9\"").send("PUT", "/Users/" + id, body, SCIM_JSON), 412, null);
        assertError(scim.header("If-Match", "\"0\"").delete("/Users/" + id), 412, null);
        assertError(scim.header("If-Match", "W/\"not-ours\"").delete("/Users/" + id), 412, null);
        assertThat(get("/Users/" + id).json()).isEqualTo(current);
        assertThat(eventCount()).isEqualTo(events);

        var fresh = scim.header("If-Match", "W/\"1\"")
                .send("PATCH", "/Users/" + id, patchOp(op("replace", "title", "Version 2")), SCIM_JSON);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isEqualTo("W/\"2\"");
        var any = scim.header("If-Match", "*").send("PUT", "/Users/" + id, fresh.json(), SCIM_JSON);
        assertThat(any.status()).isEqualTo(200);
        assertThat(scim.header("If-Match", "W/\"2\"").delete("/Users/" + id).status())
                .isEqualTo(204);
    }

    @Test
    void aStaleIfMatchOnAGroupIsRefusedWith412() {
        String ann = createUser(unique("etag-ann")).get("id").asText();
        String group = createGroup("ETag team").get("id").asText();
        patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", ann)))));
        long events = eventCount();
        var stale = scim.header("If-Match", "W/\"0\"")
                .send("PATCH", "/Groups/" + group, patchOp(op("replace", "displayName", "Stale")), SCIM_JSON);
        assertError(stale, 412, null);
        assertError(scim.header("If-Match", "W/\"0\"").delete("/Groups/" + group), 412, null);
        assertThat(eventCount()).isEqualTo(events);
        var current = scim.header("If-Match", "W/\"1\"")
                .send("PATCH", "/Groups/" + group, patchOp(op("replace", "displayName", "Fresh")), SCIM_JSON);
        assertThat(current.status()).isEqualTo(204);
        assertThat(get("/Groups/" + group).header("ETag")).isEqualTo("W/\"2\"");
    }
}
