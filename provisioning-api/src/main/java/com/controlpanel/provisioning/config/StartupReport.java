package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints, once the service is up, where the Control Panel, the JSON API and the SCIM base are, and how to log in. */
@Component
public class StartupReport {

    private final ProvisioningProperties properties;
    private final FirstStart firstStart;
    private final DirectoryQueries directory;

    public StartupReport(ProvisioningProperties properties, FirstStart firstStart, DirectoryQueries directory) {
        this.properties = properties;
        this.firstStart = firstStart;
        this.directory = directory;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        String base = properties.publicBaseUrl();
        if (base == null) {
            int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                    ? web.getWebServer().getPort()
                    : 8080;
            base = "http://localhost:" + port;
        }
        StringBuilder out = new StringBuilder("\n");
        out.append("  SCIM provisioning service is up (data in ")
                .append(properties.dataDir().toAbsolutePath().normalize())
                .append(")\n");
        out.append("    Control Panel : ").append(base).append("/\n");
        out.append("    JSON API      : ").append(base).append("/api  (HTTP Basic: admin email and password)\n");
        List<OrganizationRow> organizations = directory.organizations(null);
        for (OrganizationRow organization : organizations.subList(0, Math.min(5, organizations.size()))) {
            out.append("    SCIM base     : ")
                    .append(base)
                    .append("/scim/v2/")
                    .append(organization.tenantId().value())
                    .append("  (")
                    .append(organization.name())
                    .append(
                            organization.provisioningEnabled()
                                    ? ", provisioning on"
                                    : ": switch provisioning on to get the Secret Token")
                    .append(")\n");
        }
        out.append("    Log in as     : ").append(properties.adminEmail());
        firstStart
                .generatedPassword()
                .ifPresentOrElse(
                        password -> out.append("  password ")
                                .append(password)
                                .append("  (generated, shown only this once: set PROVISIONING_ADMIN_PASSWORD to choose"
                                        + " your own on a fresh data directory)\n"),
                        () -> out.append(
                                "  with the password set on first start (PROVISIONING_ADMIN_PASSWORD, or the one printed then)\n"));
        System.out.println(out);
    }
}
