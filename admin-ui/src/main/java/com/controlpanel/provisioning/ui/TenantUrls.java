package com.controlpanel.provisioning.ui;

import com.controlpanel.provisioning.domain.api.TenantId;
import jakarta.servlet.http.HttpServletRequest;

/** The SCIM Tenant URL an organization gives Okta, on the service's public base URL. */
public interface TenantUrls {

    String tenantUrl(HttpServletRequest request, TenantId tenantId);
}
