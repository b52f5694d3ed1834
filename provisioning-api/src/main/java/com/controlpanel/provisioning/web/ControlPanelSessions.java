package com.controlpanel.provisioning.web;

import com.controlpanel.provisioning.security.DigestKeyedSessions;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.ui.layout.ControlPanelErrors;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Spring Session's filter, which keeps the Control Panel's sessions in the database, run for the Control Panel only.
 * SCIM and the JSON API keep nothing between requests: their requests do not go through it (it wraps each request
 * and response, which slowed the Okta push by about a sixth when every request went through it).
 *
 * <p>With the database out of reach a session can be neither read (a signed-in admin's page) nor kept (the sign-in
 * page's form token). That failure comes from Spring Session's filter, before and after the Control Panel's own
 * handling of an outage; it is answered here, around that filter, with the page the Control Panel shows for an
 * outage: 503, {@code Retry-After}, "can not reach its database". Never the generic "something went wrong", never a
 * stack trace.
 */
@Configuration(proxyBeanMethods = false)
public class ControlPanelSessions {

    /** Spring Boot's registration of the session filter for every address, switched off in favour of the one below. */
    private static final String BOOT_REGISTRATION = "sessionRepositoryFilterRegistration";

    @Bean
    static BeanPostProcessor everyAddressSessionFilterOff() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (BOOT_REGISTRATION.equals(name) && bean instanceof DelegatingFilterProxyRegistrationBean boots) {
                    boots.setEnabled(false);
                }
                return bean;
            }
        };
    }

    /**
     * Spring Session's filter over the sessions as the store keeps them, under a digest of their ids
     * ({@link DigestKeyedSessions}), with the cookie Spring Boot configures ({@code server.servlet.session.cookie.*}).
     * Made here rather than taken from Spring Session's configuration, whose filter is given the store itself.
     */
    @Bean
    FilterRegistrationBean<Filter> controlPanelSessionFilter(
            JdbcIndexedSessionRepository store, CookieSerializer cookie) {
        CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
        ids.setCookieSerializer(cookie);
        SessionRepositoryFilter<?> sessions = new SessionRepositoryFilter<>(new DigestKeyedSessions(store));
        sessions.setHttpSessionIdResolver(ids);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new OnlyControlPanel(sessions));
        registration.setName("controlPanelSessions");
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }

    private record OnlyControlPanel(SessionRepositoryFilter<?> sessions) implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (!(request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer)
                    || Edge.of(http) != Edge.CONTROL_PANEL) {
                chain.doFilter(request, response);
                return;
            }
            try {
                sessions.doFilter(http, answer, chain);
            } catch (RuntimeException | ServletException | IOException e) {
                if (!DatabaseFailures.unavailable(e)) {
                    throw e;
                }
                EdgeFailureFilter.logUnavailable(http, e);
                if (answer.isCommitted()) {
                    // an answer under way (the live Activity stream ending, its session kept at the end): nothing
                    // more can be said to the client, and the outage is logged above as such
                    return;
                }
                answer.reset();
                answer.setHeader(HttpHeaders.RETRY_AFTER, "1");
                answer.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                ControlPanelErrorPage.write(
                        answer,
                        http.getContextPath(),
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ControlPanelErrors.OUT_OF_REACH,
                        ControlPanelErrors.OUT_OF_REACH_ADVICE);
            }
        }
    }
}
