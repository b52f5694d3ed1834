package com.controlpanel.provisioning.ui.layout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A form the Control Panel took is answered by a redirect to a page (read by GET); one it refused is answered by the
 * page again, with the refusal, at the form's own address. Such a page is marked ({@code answeredForm}, a {@code meta}
 * of the layout), and the page's script gives it the address of the page the form was sent from, so that Back,
 * Forward or a reload read that page again instead of asking to send the form a second time.
 */
@Configuration(proxyBeanMethods = false)
public class RefusedForms implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/orgs/**");
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page != null
                && "POST".equals(request.getMethod())
                && !"true".equals(request.getHeader("HX-Request"))
                && page.getViewName() != null
                && !page.getViewName().startsWith("redirect:")) {
            page.addObject("answeredForm", true);
        }
    }
}
