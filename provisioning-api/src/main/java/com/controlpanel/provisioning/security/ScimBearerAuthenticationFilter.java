package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.web.Edge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Resolves {@code Authorization: Bearer <token>} on {@code /scim/v2/<tenant>/...} to the tenant's organization (the
 * tenant id percent-decoded, as the rest of the path is). A missing, malformed, wrong, revoked or other tenant's token,
 * or provisioning switched off, leaves the request unauthenticated: the SCIM entry point answers 401.
 */
public class ScimBearerAuthenticationFilter extends OncePerRequestFilter {

    static final String SCIM_PREFIX = "/scim/v2/";

    private final TenantCredentials credentials;

    public ScimBearerAuthenticationFilter(TenantCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenant = tenantOf(request);
        String token = bearerToken(request.getHeader("Authorization"));
        if (tenant != null && token != null) {
            credentials
                    .verify(tenant, token)
                    .ifPresent(access -> SecurityContextHolder.getContext()
                            .setAuthentication(new ScimClient(
                                    // its links name the tenant as it was issued, whatever the case it was typed in
                                    tenant.toLowerCase(Locale.ROOT), access.organizationId(), access.credentialId())));
        }
        chain.doFilter(request, response);
    }

    static String tenantOf(HttpServletRequest request) {
        String path = Edge.path(request);
        if (!path.startsWith(SCIM_PREFIX)) {
            return null;
        }
        String rest = path.substring(SCIM_PREFIX.length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String tenant;
        try {
            // RFC 3986 §6.2.2.2: "%2D" is "-"; the segment is cut out first, so an encoded '/' splits nothing.
            tenant = UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return tenant.isEmpty() ? null : tenant;
    }

    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.strip();
        if (trimmed.length() < 7
                || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = trimmed.substring(7).strip();
        return token.isEmpty() || token.length() > 512 ? null : token;
    }
}
