package com.controlpanel.provisioning.scim;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The traffic guard stands before every SCIM endpoint (after the bearer token is checked). */
@Configuration(proxyBeanMethods = false)
public class ScimWebConfiguration implements WebMvcConfigurer {

    private final ScimTrafficGuard guard;

    public ScimWebConfiguration(ScimTrafficGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard).addPathPatterns("/scim/v2/**");
    }
}
