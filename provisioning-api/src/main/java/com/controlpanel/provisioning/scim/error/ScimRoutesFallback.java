package com.controlpanel.provisioning.scim.error;

import com.unboundid.scim2.common.exceptions.MethodNotAllowedException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever no SCIM endpoint answers under a Tenant URL: a known resource path with a method it does not take is 405,
 * anything else 404, both as SCIM errors.
 */
@RestController
public class ScimRoutesFallback {

    private static final Pattern KNOWN = Pattern.compile(
            "/scim/v2/[^/]+/(Users|Groups)(/[^/]+)?|/scim/v2/[^/]+/(ServiceProviderConfig|ResourceTypes(/[^/]+)?"
                    + "|Schemas(/[^/]+)?)");

    @RequestMapping("/scim/v2/{tenant}/**")
    public void fallback(HttpServletRequest request) throws ScimException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (KNOWN.matcher(path).matches()) {
            throw new MethodNotAllowedException(request.getMethod() + " is not supported on " + path);
        }
        throw new ResourceNotFoundException("No SCIM endpoint at " + path
                + ": this service provider serves /Users, /Groups, /ServiceProviderConfig, /ResourceTypes and "
                + "/Schemas");
    }
}
