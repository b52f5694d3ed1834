package com.controlpanel.provisioning.eventstore;

import com.controlpanel.provisioning.domain.api.SingleValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Writes identifiers and other single-value records ({@link SingleValue}) as their bare string, so events read
 * {@code "memberId":"..."} rather than {@code "memberId":{"value":"..."}}; reads them back through their validating
 * constructor. Keeps Jackson annotations off the domain.
 */
public class SingleValueModule extends SimpleModule {

    public SingleValueModule() {
        super("single-value-records");
        addSerializer(SingleValue.class, new StdSerializer<>(SingleValue.class) {
            @Override
            public void serialize(SingleValue value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeString(value.value());
            }
        });
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new SingleValueDeserializers());
    }

    private static final class SingleValueDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription description) {
            Class<?> raw = type.getRawClass();
            if (SingleValue.class.isAssignableFrom(raw) && !raw.isInterface()) {
                return new SingleValueDeserializer(raw);
            }
            return null;
        }
    }

    private static final class SingleValueDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;
        private final Constructor<?> constructor;

        SingleValueDeserializer(Class<?> type) {
            this.type = type;
            try {
                this.constructor = type.getConstructor(String.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " needs a public constructor taking its String value", e);
            }
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(type, parser);
            }
            try {
                return constructor.newInstance(parser.getText());
            } catch (InvocationTargetException e) {
                throw context.weirdStringException(
                        parser.getText(), type, e.getCause().getMessage());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
