package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs a SCIM test class again on the PostgreSQL profile, against the server named by
 * {@code PROVISIONING_TEST_POSTGRES_URL} (skipped without it, failing on CI). Every class so annotated shares one
 * application, in a schema of its own ({@code scim_test}, emptied once per test run), so the JSON API's PostgreSQL
 * tests, which empty {@code public}, never pull the tables from under it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({PostgresAvailable.class, OnPostgres.Schema.class})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD,
            "spring.datasource.url=${" + OnPostgres.URL_PROPERTY + "}",
            "spring.datasource.username=${PROVISIONING_TEST_POSTGRES_USER:provisioning}",
            "spring.datasource.password=${PROVISIONING_TEST_POSTGRES_PASSWORD:provisioning}"
        })
@ActiveProfiles("postgres")
public @interface OnPostgres {

    String SCHEMA = "scim_test";
    String URL_PROPERTY = "provisioning.test.scim-postgres-url";

    /** Empties the schema once per test run, before the shared application starts on it. */
    class Schema implements BeforeAllCallback {

        private static boolean prepared;

        @Override
        public void beforeAll(ExtensionContext context) {
            synchronized (Schema.class) {
                if (prepared) {
                    return;
                }
                System.setProperty(URL_PROPERTY, PostgresAvailable.emptySchema(SCHEMA));
                prepared = true;
            }
        }
    }
}
