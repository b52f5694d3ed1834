package com.controlpanel.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The SCIM provisioning service: SCIM 2.0 for Okta and Entra ID, the Control Panel and its JSON API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvisioningApplication {

    public static void main(String[] args) {
        // Axon would otherwise report usage to its vendor over the network at every start.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        // H2 passes every string and value it reads through a small cache of its own, hashing each to share equal
        // copies: about a quarter of a rebuild's verification, which reads every row of the read models (profiled).
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
        SpringApplication.run(ProvisioningApplication.class, args);
    }
}
