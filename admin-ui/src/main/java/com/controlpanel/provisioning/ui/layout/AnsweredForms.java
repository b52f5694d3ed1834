package com.controlpanel.provisioning.ui.layout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.ui.Model;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page that answers a form at the form's own address, which only a POST reaches. Most forms the Control Panel takes
 * are answered by a redirect to a page (read by GET); one it refused is answered by the page again, with the refusal;
 * one that made a secret to show once (a Secret Token, a generated password) is answered by the page showing it, so
 * that the secret is never kept anywhere to be shown by a later request (sessions are stored in the database).
 *
 * <p>Such a page is marked ({@code answeredForm}, a {@code meta} of the layout), and the page's script gives it the
 * address of the page it stands for: the one given by {@link #standsFor}, else the page the form was sent from. Back,
 * Forward or a reload then read that page again by GET, instead of asking to send the form a second time (which
 * would issue another token).
 */
@Configuration(proxyBeanMethods = false)
public class AnsweredForms implements WebMvcConfigurer, HandlerInterceptor {

    static final String ANSWERED_FORM = "answeredForm";
    private static final String STANDS_FOR = "answeredFormStandsFor";

    /** The address (a path under {@code /orgs/}) that a page answering a form stands for. */
    public static void standsFor(Model model, String path) {
        model.addAttribute(STANDS_FOR, path);
    }

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
            // "from": the page the form was sent from (the browser's referrer)
            page.addObject(ANSWERED_FORM, page.getModel().get(STANDS_FOR) instanceof String path ? path : "from");
        }
    }
}
