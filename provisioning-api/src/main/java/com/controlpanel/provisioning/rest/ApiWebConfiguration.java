package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.web.UnicodeText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every JSON API call checks first that its answer will be taken ({@link AcceptableAnswers}), and reads its body as
 * typed: a number is no name ({@code {"name": 5}}) and a number is no yes or no ({@code {"active": 0}}); both are 400
 * naming the field. A boolean may still come as the string {@code "true"} or {@code "false"}. A body is one JSON
 * value with each key once (which of two would count is nowhere said), and every key one the call takes: a
 * misspelt one ({@code "givenname"}) would otherwise be dropped without a word ({@link UnknownFields}). So is every
 * query parameter one the call takes ({@link KnownParameters}), and one that takes one value is given once
 * ({@link SingleValuedParameters}); a call that takes no body is sent none ({@link BodilessCalls}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AcceptableAnswers()).addPathPatterns("/api/**");
        registry.addInterceptor(new SingleValuedParameters()).addPathPatterns("/api/**");
        registry.addInterceptor(new KnownParameters()).addPathPatterns("/api/**");
        registry.addInterceptor(new BodilessCalls()).addPathPatterns("/api/**");
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer typedRequestBodies() {
        return builder -> builder.featuresToEnable(
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .deserializerByType(String.class, new UnicodeStrings())
                .serializerByType(Instant.class, new MomentText())
                .postConfigurer(mapper -> {
                    mapper.addHandler(new UnknownFields());
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    // a number written as a string ({"version": "0"}) is a string, not the number
                    mapper.coercionConfigFor(LogicalType.Integer)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                });
    }

    /** Every moment the API answers with is written with its milliseconds ({@link Moments}). */
    static final class MomentText extends StdSerializer<Instant> {

        MomentText() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant moment, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeString(Moments.text(moment));
        }
    }

    /**
     * A key a JSON API request body's type does not have is refused, 400 naming it and the keys the call takes. Only
     * for the bodies of this API (types of this package): anything else the application's mapper reads keeps
     * Jackson's default, unknown keys ignored.
     */
    static final class UnknownFields extends DeserializationProblemHandler {

        private static final String API_PACKAGE = ApiWebConfiguration.class.getPackageName() + ".";

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> given ? given : beanOrClass.getClass();
            if (!type.getName().startsWith(API_PACKAGE)) {
                return false;
            }
            throw UnrecognizedPropertyException.from(parser, type, propertyName, deserializer.getKnownPropertyNames());
        }
    }

    /** Strings as Jackson reads them, refused when they are not Unicode text (half a surrogate pair, escaped). */
    static final class UnicodeStrings extends StdScalarDeserializer<String> {

        UnicodeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && UnicodeText.loneSurrogate(value) >= 0) {
                throw InvalidFormatException.from(
                        parser, "not Unicode text: it holds half of a surrogate pair", value, String.class);
            }
            return value;
        }
    }
}
