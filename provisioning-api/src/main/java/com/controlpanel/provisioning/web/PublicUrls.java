package com.controlpanel.provisioning.web;

import com.controlpanel.provisioning.config.ProvisioningProperties;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.ui.TenantUrls;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The service's public base URL (configured, or the one the request came in at) and the URLs built on it. */
@Component
public class PublicUrls implements TenantUrls {

    private final ProvisioningProperties properties;

    public PublicUrls(ProvisioningProperties properties) {
        this.properties = properties;
    }

    public String base(HttpServletRequest request) {
        if (properties.publicBaseUrl() != null) {
            return properties.publicBaseUrl();
        }
        String base =
                ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String tenantUrl(HttpServletRequest request, TenantId tenantId) {
        return base(request) + "/scim/v2/" + tenantId.value();
    }
}
