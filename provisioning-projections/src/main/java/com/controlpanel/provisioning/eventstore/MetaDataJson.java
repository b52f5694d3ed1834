package com.controlpanel.provisioning.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JSON serializer for events and messages, reading each event's metadata through a map deserializer found
 * once. Axon's own metadata deserializer looks that map deserializer up again for every event it reads, and the
 * lookup builds it afresh each time (its key and value deserializers included): 7 to 10 % of a rebuild's replay,
 * which reads the metadata of every event in the store. Likewise each payload class's reader, and the writer, are
 * made once: Axon's serializer asks its mapper for a new one for every value it reads or writes.
 */
public final class MetaDataJson {

    private MetaDataJson() {}

    /** The serializer over this mapper, its metadata read as Axon's own deserializer reads it, only faster. */
    public static JacksonSerializer serializer(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        JacksonSerializer serializer = new ReadersOnce(
                JacksonSerializer.builder().objectMapper(mapper).revisionResolver(new AnnotationRevisionResolver()));
        // after Axon's module, which the builder registers: the module registered last is asked first
        mapper.registerModule(new SimpleModule("metadata-read-once").addDeserializer(MetaData.class, new Reader()));
        return serializer;
    }

    /**
     * Axon's serializer, each class's reader and the writer made once from the mapper and kept (both are immutable
     * and safe to share; the mapper is this serializer's own and is not configured further once it reads or writes).
     */
    static final class ReadersOnce extends JacksonSerializer {

        private final ClassValue<ObjectReader> readers = new ClassValue<>() {
            @Override
            protected ObjectReader computeValue(Class<?> type) {
                return getObjectMapper().readerFor(type);
            }
        };
        private volatile ObjectWriter writer;

        ReadersOnce(JacksonSerializer.Builder builder) {
            super(builder);
        }

        @Override
        protected ObjectReader getReader(Class<?> type) {
            return readers.get(type);
        }

        @Override
        protected ObjectWriter getWriter() {
            ObjectWriter made = writer;
            if (made == null) {
                made = getObjectMapper().writer();
                writer = made;
            }
            return made;
        }
    }

    /** Reads metadata as {@code org.axonframework.serialization.json.MetaDataDeserializer} does. */
    static final class Reader extends StdDeserializer<MetaData> implements ContextualDeserializer {

        private static final long serialVersionUID = 1L;

        /** The map deserializer, once this reader has been made contextual (always, for a root value). */
        private final transient JsonDeserializer<Object> values;

        Reader() {
            this(null);
        }

        private Reader(JsonDeserializer<Object> values) {
            super(MetaData.class);
            this.values = values;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            return new Reader(context.findRootValueDeserializer(mapType(context)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonDeserializer<Object> map =
                    values != null ? values : context.findRootValueDeserializer(mapType(context));
            return MetaData.from((Map<String, ?>) map.deserialize(parser, context, new HashMap<String, Object>()));
        }

        @Override
        public Object deserializeWithType(
                JsonParser parser, DeserializationContext context, TypeDeserializer typeDeserializer)
                throws IOException {
            return typeDeserializer.deserializeTypedFromObject(parser, context);
        }

        private static JavaType mapType(DeserializationContext context) {
            return context.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        }
    }
}
