package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import org.springframework.beans.factory.annotation.Value;
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

    private final String datasourceUrl;

    public StartupReport(
            ProvisioningProperties properties,
            FirstStart firstStart,
            DirectoryQueries directory,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.properties = properties;
        this.firstStart = firstStart;
        this.directory = directory;
        this.datasourceUrl = datasourceUrl.isBlank() ? null : datasourceUrl;
    }

    /** The embedded store's folder, or the database the service runs on (without its password). */
    private String dataLocation() {
        String url = datasourceUrl;
        if (url != null && !url.startsWith("jdbc:h2:file:")) {
            int parameters = url.indexOf('?');
            return PrintableUrls.withoutPassword(parameters < 0 ? url : url.substring(0, parameters));
        }
        return properties.dataDir().toAbsolutePath().normalize().toString();
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
                .append(dataLocation())
                .append(")\n");
        out.append("    Control Panel : ").append(base).append("/\n");
        out.append("    JSON API      : ").append(base).append("/api  (HTTP Basic: admin email and password)\n");
        for (OrganizationRow organization : directory.organizations(null, 0, 5).items()) {
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
        out.append("    Log in as     : ").append(firstStart.adminToSignInAs());
        firstStart
                .generatedPassword()
                .ifPresentOrElse(
                        password -> out.append("  password ")
                                .append(password)
                                .append("  (generated, shown only this once: set PROVISIONING_ADMIN_PASSWORD to choose"
                                        + " your own on a fresh database)\n"),
                        () -> out.append(
                                firstStart.passwordReset()
                                        ? "  with the password this start set from PROVISIONING_ADMIN_PASSWORD (remove it,"
                                                + " PROVISIONING_ADMIN_PASSWORD_RESET and PROVISIONING_ADMIN_EMAIL before"
                                                + " the next start)\n"
                                        : "  with the password set on first start (PROVISIONING_ADMIN_PASSWORD, or the"
                                                + " one printed then), or changed since\n"));
        System.out.println(out);
    }
}
