package com.controlpanel.provisioning.ui.layout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A list's filters push their address into the browser's history as they change (htmx, {@code hx-push-url}); asking
 * again for the page already shown (a filter picked, then Apply) would push the same address twice, and the first
 * Back would seem to do nothing. Such a request is answered {@code HX-Push-Url: false}: the history keeps one entry.
 */
@Configuration(proxyBeanMethods = false)
public class HtmxHistory implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/orgs/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("GET".equals(request.getMethod())
                && "true".equals(request.getHeader("HX-Request"))
                && showsAlready(request.getHeader("HX-Current-URL"), request)) {
            response.setHeader("HX-Push-Url", "false");
        }
        return true;
    }

    /** Whether the browser shows this very address already (path and query alike). */
    static boolean showsAlready(String currentUrl, HttpServletRequest request) {
        if (currentUrl == null || currentUrl.isBlank()) {
            return false;
        }
        URI current;
        try {
            current = new URI(currentUrl);
        } catch (URISyntaxException e) {
            return false;
        }
        String query = request.getQueryString();
        return request.getRequestURI().equals(current.getRawPath())
                && (query == null ? current.getRawQuery() == null : query.equals(current.getRawQuery()));
    }
}
