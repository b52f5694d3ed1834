package com.controlpanel.provisioning.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.testing.EventExamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The stored form of every event is pinned by a file under {@code src/test/resources/events/}. A change to an event's
 * shape fails here: keep old events readable with a new revision and an upcaster, keep the old file as
 * {@code <Type>.<old revision>.json} (read through the upcasters by {@link AddedFieldUpcasterTest}), then update the
 * file. Run with {@code -Dgolden.update=true} to rewrite the files after such a deliberate change.
 */
class GoldenEventJsonTest {

    private static final Path GOLDEN = Path.of("src/test/resources/events");
    private final ObjectMapper json = EventJson.events();

    @TestFactory
    Stream<DynamicTest> everyEventKeepsItsStoredForm() {
        return EventExamples.all().entrySet().stream()
                .map(example -> DynamicTest.dynamicTest(example.getKey(), () -> {
                    Path file = GOLDEN.resolve(example.getKey() + ".json");
                    if (Boolean.getBoolean("golden.update")) {
                        Files.writeString(
                                file,
                                json.copy()
                                                .enable(SerializationFeature.INDENT_OUTPUT)
                                                .writeValueAsString(example.getValue())
                                        + "\n");
                    }
                    JsonNode golden = json.readTree(Files.readString(file));
                    assertThat((JsonNode) json.valueToTree(example.getValue()))
                            .as("serialized form of %s", example.getKey())
                            .isEqualTo(golden);
                    assertThat(json.treeToValue(golden, example.getValue().getClass()))
                            .as("%s read back from its stored form", example.getKey())
                            .isEqualTo(example.getValue());
                }));
    }

    @Test
    void everyEventTypeHasAGoldenFileAndARevision() throws IOException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(OrganizationEvent.class));
        Set<Class<?>> eventTypes = scanner.findCandidateComponents("com.controlpanel.provisioning.domain.api").stream()
                .map(definition -> load(definition.getBeanClassName()))
                .filter(Class::isRecord)
                .collect(Collectors.toSet());
        assertThat(eventTypes).hasSizeGreaterThan(10);
        Map<String, Object> examples = EventExamples.all();
        Set<String> names =
                eventTypes.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (Class<?> type : eventTypes) {
            assertThat(type.getAnnotation(Revision.class))
                    .as("@Revision on %s", type)
                    .isNotNull();
            assertThat(Files.exists(GOLDEN.resolve(type.getSimpleName() + ".json")))
                    .as("golden file of %s", type.getSimpleName())
                    .isTrue();
        }
    }

    @Test
    void readsOldEventsThatLackAFieldAddedLater() throws IOException {
        JsonNode golden = json.readTree(Files.readString(GOLDEN.resolve("MemberDeactivated.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) golden).put("someFutureField", "ignored");
        assertThat(json.treeToValue(golden, com.controlpanel.provisioning.domain.api.MemberDeactivated.class))
                .isEqualTo(EventExamples.all().get("MemberDeactivated"));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
