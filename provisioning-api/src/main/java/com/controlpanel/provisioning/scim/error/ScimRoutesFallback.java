package com.controlpanel.provisioning.scim.error;

import com.controlpanel.provisioning.web.Edge;
import com.controlpanel.provisioning.web.RouteMethods;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever no SCIM endpoint answers under a Tenant URL, as SCIM errors: {@code /Me} and {@code /Bulk}, which this
 * service provider does not support, 501 (RFC 7644 §3.11; ServiceProviderConfig says {@code bulk.supported: false});
 * a known resource path with a method it does not take 405 with {@code Allow}; anything else 404.
 */
@RestController
public class ScimRoutesFallback {

    private static final Pattern UNSUPPORTED = Pattern.compile("/scim/v2/[^/]+/(Me|Bulk)(/.*)?");
    private static final Pattern RESOURCE_WITHOUT_TENANT = Pattern.compile(
            "/scim/v2/(Users|Groups|ServiceProviderConfig|ResourceTypes|Schemas|Me|Bulk)(/.*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEARCH = Pattern.compile("/scim/v2/[^/]+/(Users|Groups)/\\.search");

    private final RouteMethods routes;

    public ScimRoutesFallback(RouteMethods routes) {
        this.routes = routes;
    }

    /**
     * A search is a POST; any other method on {@code /Users/.search} would otherwise be taken for the User with the
     * id {@code .search} (404), which tells the client nothing.
     */
    @RequestMapping(
            path = {"/scim/v2/{tenant}/Users/.search", "/scim/v2/{tenant}/Groups/.search"},
            method = {
                RequestMethod.GET,
                RequestMethod.HEAD,
                RequestMethod.PUT,
                RequestMethod.PATCH,
                RequestMethod.DELETE
            })
    public ResponseEntity<String> searchNotPosted(HttpServletRequest request) {
        String path = Edge.path(request);
        return notAllowed(request, path, "POST");
    }

    /** Under {@code /scim} but no Tenant URL: what one looks like (a SCIM client set up with a wrong base). */
    @RequestMapping({"/scim", "/scim/**"})
    public ResponseEntity<String> noTenant(HttpServletRequest request) {
        return ScimExceptionHandler.error(request, 404, null, noTenantDetail(Edge.path(request)));
    }

    /** What a client set up with a base that is no Tenant URL is told. */
    public static String noTenantDetail(String path) {
        return "No SCIM endpoint at " + path + ": a Tenant URL is /scim/v2/<tenant id>, as Settings > User"
                + " provisioning in the Control Panel shows it";
    }

    /**
     * Whether the address names a SCIM endpoint right after {@code /scim/v2/}, where the tenant id belongs: a base
     * URL without the tenant id ({@code /scim/v2/Users}). No tenant id is a resource's name.
     */
    public static boolean resourceWithoutTenant(String path) {
        return RESOURCE_WITHOUT_TENANT.matcher(path).matches();
    }

    /**
     * {@code OPTIONS}: the methods the endpoint at the path takes, from the endpoints' own mappings (Spring's own answer
     * would count this catch-all's too: every method, at every path); a search takes POST alone.
     */
    @RequestMapping(path = "/scim/v2/{tenant}/**", method = RequestMethod.OPTIONS)
    public ResponseEntity<String> options(HttpServletRequest request) {
        String path = Edge.path(request);
        if (SEARCH.matcher(path).matches()) {
            return ResponseEntity.ok()
                    .header(HttpHeaders.ALLOW, "OPTIONS, POST")
                    .build();
        }
        var methods = routes.at(request, ScimRoutesFallback.class);
        if (methods.isEmpty() || UNSUPPORTED.matcher(path).matches()) {
            return fallback(request);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.ALLOW, String.join(", ", methods.get()))
                .build();
    }

    @RequestMapping("/scim/v2/{tenant}/**")
    public ResponseEntity<String> fallback(HttpServletRequest request) {
        String path = Edge.path(request);
        var unsupported = UNSUPPORTED.matcher(path);
        if (unsupported.matches()) {
            return ScimExceptionHandler.error(
                    request,
                    501,
                    null,
                    "/" + unsupported.group(1) + " is not supported by this service provider (see "
                            + "/ServiceProviderConfig): use /Users and /Groups");
        }
        var methods = routes.at(request, ScimRoutesFallback.class);
        if (methods.isEmpty()) {
            return ScimExceptionHandler.error(
                    request,
                    404,
                    null,
                    "No SCIM endpoint at " + path + ": this service provider serves /Users, /Groups, "
                            + "/ServiceProviderConfig, /ResourceTypes and /Schemas");
        }
        return notAllowed(request, path, String.join(", ", methods.get()));
    }

    private static ResponseEntity<String> notAllowed(HttpServletRequest request, String path, String allow) {
        ResponseEntity<String> error = ScimExceptionHandler.error(
                request, 405, null, request.getMethod() + " is not supported on " + path + " (it takes " + allow + ")");
        return ResponseEntity.status(405)
                .headers(error.getHeaders())
                .header(HttpHeaders.ALLOW, allow)
                .body(error.getBody());
    }
}
