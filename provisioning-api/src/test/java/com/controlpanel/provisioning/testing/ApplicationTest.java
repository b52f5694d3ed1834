package com.controlpanel.provisioning.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, on an H2 file database in a fresh temporary data directory (one per test
 * JVM, shared by every test class with this annotation so the context starts once).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD,
            "provisioning.data-dir=${user.dir}/target/test-data/${random.uuid}"
        })
public @interface ApplicationTest {

    String ADMIN = "operator@example.com";
    String PASSWORD = "operator-password-1";
}
