package com.controlpanel.provisioning.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, on an H2 file database in a fresh temporary data directory (one per test
 * JVM, shared by every test class with this annotation so the context starts once). Directory states for "as of an
 * instant" are kept every four events of an organization, so that every such answer in the tests starts from one.
 * Metrics are exported as in production ({@code /actuator/prometheus}), which Spring Boot's tests switch off unless
 * asked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD,
            "provisioning.data-dir=${user.dir}/target/test-data/${random.uuid}",
            // states as of an instant start from states kept every few events, as soon as the events are stored
            "provisioning.state-checkpoint-every=4",
            "provisioning.state-checkpoint-settle=0s",
            // Spring keeps every test context started, each with its pool: idle, one holds two connections, not the
            // sixteen it may grow to (the PostgreSQL test contexts share that server's hundred connections)
            "spring.datasource.hikari.minimum-idle=2"
        })
public @interface ApplicationTest {

    String ADMIN = "operator@example.com";
    String PASSWORD = "operator-password-1";
}
