package com.controlpanel.provisioning.scim;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Before every SCIM endpoint (after the bearer token is checked): a request that can not read SCIM's JSON is refused,
 * then the traffic guard takes its turn.
 */
@Configuration(proxyBeanMethods = false)
public class ScimWebConfiguration implements WebMvcConfigurer {

    private final ScimTrafficGuard guard;

    public ScimWebConfiguration(ScimTrafficGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ScimAcceptableAnswers()).addPathPatterns("/scim/v2/**");
        registry.addInterceptor(guard).addPathPatterns("/scim/v2/**");
    }
}
