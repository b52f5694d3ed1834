package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Versions: {@code meta.version} is the {@code ETag} (weak, the aggregate's sequence number, and a digest of what the
 * resource shows of others: a User's groups with their names, who a Group's members are); a stale {@code If-Match} is 412 and changes
 * nothing; {@code If-None-Match} with the current ETag is 304, with an ETag from before any change of the
 * representation 200.
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
    void aReadWhoseIfMatchNamesAnotherVersionIs412() {
        String id = createUser(unique("etag-get")).get("id").asText();
        assertError(scim.header("If-Match", "W/\"7\"").get("/Users/" + id), 412, null);
        assertThat(scim.header("If-Match", "W/\"0\"").get("/Users/" + id).status())
                .isEqualTo(200);
        assertThat(scim.header("If-Match", "*").get("/Users/" + id).status()).isEqualTo(200);

        String group = createGroup("ETag read group").get("id").asText();
        assertError(scim.header("If-Match", "W/\"3\"").get("/Groups/" + group), 412, null);
        assertThat(scim.header("If-Match", "W/\"0\"").get("/Groups/" + group).status())
                .isEqualTo(200);
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
    void aChangeWhoseIfNoneMatchNamesTheCurrentVersionIsRefusedWith412() {
        String id = createUser(unique("etag-none")).get("id").asText();
        String group = createGroup("None-match team").get("id").asText();
        JsonNode user = get("/Users/" + id).json();
        String userTag = get("/Users/" + id).header("ETag");
        String groupTag = get("/Groups/" + group).header("ETag");
        long events = eventCount();

        // RFC 9110 §13.1.2: for a method other than GET, a match (or * for a resource that exists) is 412
        for (String tag : List.of(userTag, "*", "W/\"7\", " + userTag)) {
            var refused = scim.header("If-None-Match", tag)
                    .send("PATCH", "/Users/" + id, patchOp(op("replace", "title", "Not applied")), SCIM_JSON);
            assertError(refused, 412, null);
            assertThat(refused.json().get("detail").asText()).contains("If-None-Match");
        }
        assertError(scim.header("If-None-Match", userTag).send("PUT", "/Users/" + id, user, SCIM_JSON), 412, null);
        assertError(scim.header("If-None-Match", "*").delete("/Users/" + id), 412, null);
        assertError(
                scim.header("If-None-Match", groupTag)
                        .send("PATCH", "/Groups/" + group, patchOp(op("replace", "displayName", "Not")), SCIM_JSON),
                412,
                null);
        assertError(scim.header("If-None-Match", "*").delete("/Groups/" + group), 412, null);
        assertThat(eventCount()).isEqualTo(events);

        // another version is no match: the change applies
        var applied = scim.header("If-None-Match", "W/\"7\"")
                .send("PATCH", "/Users/" + id, patchOp(op("replace", "title", "Applied")), SCIM_JSON);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(scim.header("If-None-Match", "W/\"7\"")
                        .delete("/Groups/" + group)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aStaleIfMatchOnAGroupIsRefusedWith412() {
        String ann = createUser(unique("etag-ann")).get("id").asText();
        String group = createGroup("ETag team").get("id").asText();
        patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", ann)))));
        String etag = get("/Groups/" + group).header("ETag");
        assertThat(etag).startsWith("W/\"1.");
        long events = eventCount();
        var stale = scim.header("If-Match", "W/\"0\"")
                .send("PATCH", "/Groups/" + group, patchOp(op("replace", "displayName", "Stale")), SCIM_JSON);
        assertError(stale, 412, null);
        assertError(scim.header("If-Match", "W/\"0\"").delete("/Groups/" + group), 412, null);
        assertError(scim.header("If-Match", "W/\"1\"").delete("/Groups/" + group), 412, null);
        assertThat(eventCount()).isEqualTo(events);
        var current = scim.header("If-Match", etag)
                .send("PATCH", "/Groups/" + group, patchOp(op("replace", "displayName", "Fresh")), SCIM_JSON);
        assertThat(current.status()).isEqualTo(204);
        assertThat(get("/Groups/" + group).header("ETag")).startsWith("W/\"2.");
        assertThat(current.header("ETag"))
                .as("the 204 carries the new ETag")
                .isEqualTo(get("/Groups/" + group).header("ETag"));
    }

    @Test
    void aUsersETagChangesWhenItsGroupsDoAlthoughTheUserDoesNot() {
        String id = createUser(unique("etag-groups")).get("id").asText();
        String alone = get("/Users/" + id).header("ETag");
        String group = createGroup("ETag groups").get("id").asText();

        patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", id)))));
        var joined = scim.header("If-None-Match", alone).get("/Users/" + id);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().get("groups").get(0).get("display").asText()).isEqualTo("ETag groups");
        String inGroup = joined.header("ETag");
        assertThat(inGroup).isNotEqualTo(alone).startsWith("W/\"0.");
        assertThat(scim.header("If-None-Match", inGroup).get("/Users/" + id).status())
                .isEqualTo(304);

        patch("/Groups/" + group, patchOp(op("replace", "displayName", "ETag groups renamed")));
        var renamed = scim.header("If-None-Match", inGroup).get("/Users/" + id);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("groups").get(0).get("display").asText()).isEqualTo("ETag groups renamed");
        String current = renamed.header("ETag");
        assertThat(current)
                .isNotEqualTo(inGroup)
                .isEqualTo(renamed.json().get("meta").get("version").asText());

        // the User's own version did not move, but a client that read it before the rename read another User
        long events = eventCount();
        var stale = scim.header("If-Match", inGroup)
                .send("PATCH", "/Users/" + id, patchOp(op("replace", "title", "Stale")), SCIM_JSON);
        assertError(stale, 412, null);
        assertThat(eventCount()).isEqualTo(events);
        var fresh = scim.header("If-Match", current)
                .send("PATCH", "/Users/" + id, patchOp(op("replace", "title", "Fresh")), SCIM_JSON);
        assertThat(fresh.status()).isEqualTo(200);

        scim.delete("/Groups/" + group);
        var left = scim.header("If-None-Match", fresh.header("ETag")).get("/Users/" + id);
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.header("ETag")).isEqualTo("W/\"1\"");
    }

    @Test
    void aGroupsETagChangesWhenAMemberIsDeletedButNotWhenOneIsRenamed() {
        String ann = createUser(unique("etag-member-ann")).get("id").asText();
        String bob = createUser(unique("etag-member-bob")).get("id").asText();
        String group = createGroup("ETag members").get("id").asText();
        patch("/Groups/" + group, patchOp(op("add", "members", List.of(Map.of("value", ann), Map.of("value", bob)))));
        String both = get("/Groups/" + group).header("ETag");

        // a weak ETag: who the members are, not the names they go by (Bob's own ETag changes)
        patch("/Users/" + bob, patchOp(op("replace", "displayName", "Bob Renamed")));
        assertThat(get("/Groups/" + group).json().get("members").findValuesAsText("display"))
                .contains("Bob Renamed");
        assertThat(scim.header("If-None-Match", both).get("/Groups/" + group).status())
                .isEqualTo(304);

        assertThat(scim.delete("/Users/" + ann).status()).isEqualTo(204);
        var deleted = scim.header("If-None-Match", both).get("/Groups/" + group);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("members").findValuesAsText("value")).containsExactly(bob);
        assertThat(deleted.header("ETag")).isNotEqualTo(both);
        assertThat(scim.header("If-None-Match", deleted.header("ETag"))
                        .get("/Groups/" + group)
                        .status())
                .isEqualTo(304);

        long events = eventCount();
        assertError(scim.header("If-Match", both).delete("/Groups/" + group), 412, null);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(scim.header("If-Match", deleted.header("ETag"))
                        .delete("/Groups/" + group)
                        .status())
                .isEqualTo(204);
    }
}
