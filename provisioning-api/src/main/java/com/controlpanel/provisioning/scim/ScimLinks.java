package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.web.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;

/** Absolute URLs under the calling organization's Tenant URL, for {@code meta.location}, {@code $ref}, Location. */
public record ScimLinks(String tenantUrl) {

    public static ScimLinks of(HttpServletRequest request, PublicUrls urls) {
        return new ScimLinks(
                urls.base(request) + "/scim/v2/" + ScimRequests.client().tenantId());
    }

    public String user(String id) {
        return tenantUrl + "/Users/" + id;
    }

    public String group(String id) {
        return tenantUrl + "/Groups/" + id;
    }
}
