package com.controlpanel.provisioning.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Metadata read through the deserializer found once comes back as Axon's own deserializer reads it. */
class MetaDataJsonTest {

    private final ObjectMapper mapper = EventJson.events();
    private final Serializer serializer = MetaDataJson.serializer(mapper);
    private final Serializer axons = JacksonSerializer.builder()
            .objectMapper(EventJson.events())
            .revisionResolver(new AnnotationRevisionResolver())
            .build();

    @Test
    void metadataOfEveryKindOfValueReadsAsAxonReadsIt() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("kind", "ADMIN");
        nested.put("level", 3);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("actorKind", "OKTA");
        values.put("actorName", "Okta (SCIM) \"quoted\", with é");
        values.put("requestId", "f3a1c2d4-0000-4000-8000-000000000001");
        values.put("count", 42);
        values.put("big", 12_345_678_901L);
        values.put("ratio", 0.5);
        values.put("flag", true);
        values.put("missing", null);
        values.put("list", List.of("a", 2, false));
        values.put("nested", nested);
        MetaData written = MetaData.from(values);

        for (int time = 0; time < 3; time++) {
            SerializedObject<byte[]> serialized = serializer.serialize(written, byte[].class);
            MetaData ours = serializer.deserialize(serialized);
            MetaData theirs = axons.deserialize(serialized);
            assertThat(ours).isEqualTo(theirs);
            assertThat(ours.get("list")).isEqualTo(Arrays.asList("a", 2, false));
            assertThat(ours.get("nested")).isEqualTo(Map.of("kind", "ADMIN", "level", 3));
            assertThat(ours).containsEntry("missing", null).containsEntry("big", 12_345_678_901L);
        }
    }

    @Test
    void emptyMetadataReadsEmpty() {
        SerializedObject<byte[]> serialized = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        assertThat((MetaData) serializer.deserialize(serialized)).isEmpty();
    }

    /** The serializer's mapper reads metadata with this deserializer, not Axon's, which the builder registers too. */
    @Test
    void theSerializerReadsMetadataWithTheDeserializerFoundOnce() throws Exception {
        var context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(MetaDataJson.Reader.class);
    }

    /** Each class's reader and the writer are made once; what they read and write is what Axon's own would. */
    @Test
    void readersAndTheWriterAreMadeOnceAndReadAsAxonReads() {
        MetaDataJson.ReadersOnce ours = (MetaDataJson.ReadersOnce) serializer;
        assertThat(ours.getReader(MetaData.class)).isSameAs(ours.getReader(MetaData.class));
        assertThat(ours.getReader(Map.class)).isNotSameAs(ours.getReader(MetaData.class));
        assertThat(ours.getWriter()).isSameAs(ours.getWriter());

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", "Zoë");
        payload.put("count", 3);
        for (int time = 0; time < 3; time++) {
            SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
            assertThat(serialized.getData())
                    .isEqualTo(axons.serialize(payload, byte[].class).getData());
            Object read = serializer.deserialize(serialized);
            assertThat(read).isEqualTo(axons.deserialize(serialized)).isEqualTo(payload);
        }
    }
}
