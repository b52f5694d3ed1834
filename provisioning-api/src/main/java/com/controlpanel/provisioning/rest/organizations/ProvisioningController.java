package com.controlpanel.provisioning.rest.organizations;

import com.controlpanel.provisioning.application.IssuedCredentials;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.rest.OrganizationAccess;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.security.CurrentActor;
import com.controlpanel.provisioning.web.PublicUrls;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/orgs/{org}/provisioning}: the User provisioning settings. The secret token is in a response only when
 * this very call issued it; it can never be read again.
 */
@RestController
@RequestMapping("/api/orgs/{org}/provisioning")
public class ProvisioningController {

    /** The settings as they are; never the token. */
    public record ProvisioningJson(boolean enabled, String tenantUrl, Instant tokenIssuedAt) {}

    /** The answer to enable: the token only if this call switched provisioning on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnabledJson(boolean enabled, String tenantUrl, String secretToken, Instant tokenIssuedAt) {}

    /** Newly issued credentials. */
    public record CredentialsJson(String tenantUrl, String secretToken) {}

    private final OrganizationAccess access;
    private final OrganizationAdministration organizations;
    private final DirectoryQueries directory;
    private final PublicUrls urls;

    public ProvisioningController(
            OrganizationAccess access,
            OrganizationAdministration organizations,
            DirectoryQueries directory,
            PublicUrls urls) {
        this.access = access;
        this.organizations = organizations;
        this.directory = directory;
        this.urls = urls;
    }

    @GetMapping
    public ProvisioningJson get(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, HttpServletRequest request) {
        OrganizationRow row = access.require(admin, org);
        return new ProvisioningJson(
                row.provisioningEnabled(), urls.tenantUrl(request, row.tenantId()), row.tokenIssuedAt());
    }

    @PostMapping("/enable")
    public ResponseEntity<EnabledJson> enable(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, HttpServletRequest request) {
        OrganizationRow row = access.require(admin, org);
        Optional<IssuedCredentials> issued =
                organizations.enableProvisioning(CurrentActor.of(admin, request), row.organizationId());
        OrganizationRow now = directory.organization(row.organizationId()).orElseThrow();
        return noStore(new EnabledJson(
                true,
                urls.tenantUrl(request, row.tenantId()),
                issued.map(credentials -> credentials.secretToken().reveal()).orElse(null),
                now.tokenIssuedAt()));
    }

    @PostMapping("/disable")
    public ProvisioningJson disable(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, HttpServletRequest request) {
        OrganizationRow row = access.require(admin, org);
        organizations.disableProvisioning(CurrentActor.of(admin, request), row.organizationId());
        return new ProvisioningJson(false, urls.tenantUrl(request, row.tenantId()), null);
    }

    @PostMapping("/credentials")
    public ResponseEntity<CredentialsJson> regenerate(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, HttpServletRequest request) {
        OrganizationRow row = access.require(admin, org);
        IssuedCredentials issued =
                organizations.issueCredentials(CurrentActor.of(admin, request), row.organizationId());
        return noStore(new CredentialsJson(
                urls.tenantUrl(request, row.tenantId()), issued.secretToken().reveal()));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
