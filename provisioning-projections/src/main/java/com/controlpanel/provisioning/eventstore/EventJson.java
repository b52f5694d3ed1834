package com.controlpanel.provisioning.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of everything the event store keeps. Events are records; unknown properties are ignored so that an
 * added field never breaks reading old events.
 */
public final class EventJson {

    private EventJson() {}

    /** For event payloads, metadata and tracking tokens. */
    public static ObjectMapper events() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SingleValueModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    /** For aggregate snapshots: the aggregates' own fields, whatever their visibility. */
    public static ObjectMapper snapshots() {
        ObjectMapper mapper = events();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }
}
