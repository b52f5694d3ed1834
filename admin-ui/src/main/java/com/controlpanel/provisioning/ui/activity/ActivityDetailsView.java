package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The details of one action: the changes (field, before, after), every other recorded fact, the raw JSON, and what
 * the store knows of the request (request id, client, event id).
 */
public record ActivityDetailsView(
        ActivityRowView row,
        List<Change> changes,
        List<Fact> facts,
        String json,
        String requestId,
        String client,
        String eventId) {

    /** A field that changed. A null side is shown as "(none)". */
    public record Change(String field, String from, String to) {}

    /** A recorded fact of the action, e.g. {@code source: OKTA}. */
    public record Fact(String name, String value) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ActivityDetailsView of(ActivityRow row, ActivityRowView shown) {
        List<Change> changes = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        String pretty = row.details();
        try {
            JsonNode details = JSON.readTree(row.details() == null ? "{}" : row.details());
            pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(details);
            for (JsonNode change : details.path("changes")) {
                changes.add(
                        new Change(change.path("field").asText(), text(change.get("from")), text(change.get("to"))));
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = details.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("changes")) {
                    flatten(field.getKey(), field.getValue(), facts);
                }
            }
        } catch (JsonProcessingException e) {
            facts.add(new Fact("details", row.details()));
        }
        return new ActivityDetailsView(
                shown, List.copyOf(changes), List.copyOf(facts), pretty, row.requestId(), row.client(), row.eventId());
    }

    /** The value of a recorded fact, or null if the action recorded none by that name. */
    public String fact(String name) {
        return facts.stream()
                .filter(fact -> fact.name().equals(name))
                .map(Fact::value)
                .findFirst()
                .orElse(null);
    }

    private static void flatten(String name, JsonNode value, List<Fact> facts) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(name + "." + field.getKey(), field.getValue(), facts);
            }
        } else {
            facts.add(new Fact(name, text(value)));
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
