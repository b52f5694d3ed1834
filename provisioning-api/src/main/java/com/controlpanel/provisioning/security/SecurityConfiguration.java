package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.config.ProvisioningProperties;
import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.scim.error.ScimRoutesFallback;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.ui.login.LoginController;
import com.controlpanel.provisioning.web.Edge;
import com.controlpanel.provisioning.web.EdgeFailureFilter;
import com.controlpanel.provisioning.web.ProblemResponses;
import com.controlpanel.provisioning.web.ScimErrorResponses;
import com.controlpanel.provisioning.web.StaticAssetCaching;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The chains, in their order: SCIM (bearer token of the tenant, stateless), the JSON API (HTTP Basic with an admin's
 * email and password, stateless), the addresses under {@code /scim} that are no Tenant URL, the metrics (the operator,
 * HTTP Basic), the other paths under {@code /actuator} (404), and last, for everything else, the
 * Control Panel (its own sign-in page, session, CSRF, a strict Content-Security-Policy: scripts and styles from this
 * origin only; a session ends when its admin's password changes elsewhere).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The methods the firewall lets through (its default list). */
    private static final List<String> KNOWN_METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * A request the firewall refuses (an encoded {@code .} or {@code ;} in the path, a double slash…) is answered in
     * the format of its edge: a SCIM error on {@code /scim}, a problem detail on {@code /api}, the Control Panel's
     * own 400 elsewhere. Never the framework's default error body.
     */
    @Bean
    public RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            if (!KNOWN_METHODS.contains(request.getMethod())) {
                // RFC 9110 §9.1: a method the server does not know at all is 501, not a bad address
                String detail = "The method " + request.getMethod() + " is not one this service takes: "
                        + String.join(", ", KNOWN_METHODS);
                // answered here: the way to the error page is refused again for the same method
                Edge.of(request)
                        .refuseHere(
                                request,
                                response,
                                HttpStatus.NOT_IMPLEMENTED,
                                "method-not-implemented",
                                "This request is not one the service takes",
                                detail);
                return;
            }
            String detail = "The request's address is not one this service accepts: " + rejected.getMessage();
            if (!Edge.of(request).refuse(request, response, HttpStatus.BAD_REQUEST, "invalid-request", detail)) {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    @Bean
    @Order(1)
    public SecurityFilterChain scimChain(HttpSecurity http, TenantCredentials credentials) throws Exception {
        stateless(http, "/scim/v2/**")
                .securityContext(context -> context.requireExplicitSave(true))
                .addFilterBefore(new ScimBearerAuthenticationFilter(credentials), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    String path = Edge.path(request);
                    if (ScimRoutesFallback.resourceWithoutTenant(path)) {
                        // a base URL without its tenant id: the token may well be right, the address is not
                        ScimErrorResponses.write(
                                response, HttpStatus.NOT_FOUND, null, ScimRoutesFallback.noTenantDetail(path));
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"SCIM\"");
                    ScimErrorResponses.write(
                            response,
                            HttpStatus.UNAUTHORIZED,
                            null,
                            "A valid bearer token of this tenant is required: check the Secret Token, and that user "
                                    + "provisioning is switched on in the Control Panel");
                }))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain apiChain(HttpSecurity http, ProvisioningProperties properties) throws Exception {
        stateless(http, "/api/**")
                .addFilterBefore(new CrossSiteWrites(properties), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof SignInThrottledException throttled) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                        ProblemResponses.write(
                                request,
                                response,
                                HttpStatus.TOO_MANY_REQUESTS,
                                "too-many-attempts",
                                throttled.getMessage());
                        return;
                    }
                    if (DatabaseFailures.unavailable(e)) {
                        // the password could not be checked: no reason to send the caller back to sign in
                        EdgeFailureFilter.logUnavailable(request, e);
                        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                        ProblemResponses.write(
                                request,
                                response,
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "database-unavailable",
                                DatabaseFailures.retryMessage(e));
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"Control Panel API\"");
                    ProblemResponses.write(
                            request,
                            response,
                            HttpStatus.UNAUTHORIZED,
                            "unauthenticated",
                            "Sign in with HTTP Basic: an admin's email and password");
                }))
                .exceptionHandling(
                        errors -> errors.accessDeniedHandler((request, response, e) -> ProblemResponses.write(
                                request, response, HttpStatus.FORBIDDEN, "forbidden", "This admin may not do that")))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }

    /**
     * Addresses under {@code /scim} that are no Tenant URL ({@code /scim}, {@code /scim/v1/Users}…): a SCIM client
     * set up with a wrong base gets a SCIM 404 saying what a Tenant URL looks like, not the Control Panel's sign-in.
     */
    @Bean
    @Order(3)
    public SecurityFilterChain scimOutsideTenantsChain(HttpSecurity http) throws Exception {
        stateless(http, "/scim", "/scim/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The metrics in Prometheus's format, for a scraper signed in with HTTP Basic as the operator (they describe the
     * whole deployment, every organization's traffic). Answers in plain text: no sign-in page, no session.
     */
    @Bean
    @Order(4)
    public SecurityFilterChain metricsChain(HttpSecurity http) throws Exception {
        stateless(http, "/actuator/prometheus")
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof SignInThrottledException throttled) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                        plainText(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
                        return;
                    }
                    if (DatabaseFailures.unavailable(e)) {
                        EdgeFailureFilter.logUnavailable(request, e);
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"metrics\"");
                    plainText(
                            response,
                            DatabaseFailures.unavailable(e) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED,
                            DatabaseFailures.unavailable(e)
                                    ? DatabaseFailures.retryMessage(e)
                                    : "Sign in with HTTP Basic as the operator");
                }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        plainText(response, HttpStatus.FORBIDDEN, "Only the operator may read the metrics")))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(AdminUser.OPERATOR));
        return http.build();
    }

    /** A chain for these paths that keeps nothing between requests: no session, no saved request, no CSRF token. */
    private static HttpSecurity stateless(HttpSecurity http, String... paths) throws Exception {
        if (paths.length > 0) {
            http.securityMatcher(paths);
        }
        return http.csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    private static void plainText(HttpServletResponse response, HttpStatus status, String message)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message + "\n");
    }

    /**
     * Any other address under {@code /actuator} (only health and the metrics are served): 404 to anyone, not the
     * sign-in page, so that a mistyped probe ({@code /actuator/healthz}) fails instead of following a redirect to a
     * 200; and an endpoint exposed later by a setting is refused to anyone rather than open to every admin.
     */
    @Bean
    @Order(5)
    public SecurityFilterChain actuatorElseChain(HttpSecurity http) throws Exception {
        stateless(http)
                .securityMatcher(request -> {
                    String path = Edge.path(request);
                    return (path.equals("/actuator") || path.startsWith("/actuator/"))
                            && !(path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
                })
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                                (request, response, e) -> plainText(response, HttpStatus.NOT_FOUND, "Not found"))
                        .accessDeniedHandler(
                                (request, response, e) -> plainText(response, HttpStatus.NOT_FOUND, "Not found")))
                .authorizeHttpRequests(requests -> requests.anyRequest().denyAll());
        return http.build();
    }

    /**
     * The Control Panel's stylesheets, scripts and images, open to anyone: a page's every asset would otherwise read
     * the session from the database (to look for a request saved for after sign-in) for nothing. Kept by the browser
     * as {@link StaticAssetCaching} says, not {@code no-store} as every other answer.
     */
    @Bean
    @Order(6)
    public SecurityFilterChain staticAssetsChain(HttpSecurity http) throws Exception {
        stateless(http, "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico")
                .headers(headers -> headers.cacheControl(HeadersConfigurer.CacheControlConfig::disable))
                .addFilterBefore(new StaticAssetCaching(), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(7)
    public SecurityFilterChain controlPanelChain(HttpSecurity http, PasswordStamps stamps) throws Exception {
        RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
        RequestMatcher eventStream = SecurityConfiguration::asksForEventStream;
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null);
        // only a page the admin asked for is worth returning to after sign-in, never an htmx fragment nor the live
        // Activity stream (a page left open after signing out elsewhere asks for it again)
        requestCache.setRequestMatcher(new AndRequestMatcher(
                request -> "GET".equals(request.getMethod()),
                new NegatedRequestMatcher(htmx),
                new NegatedRequestMatcher(eventStream),
                new NegatedRequestMatcher(request -> request.getRequestURI().startsWith("/error"))));
        // the live Activity stream's async dispatch only ends an answer its request, authorized, began: checked
        // again after a sign-out in another tab (which empties the session's context) it was denied on a committed
        // answer, and logged as an error with its stack
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(
                                "/login",
                                "/error",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/actuator/health",
                                "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(signedIn(stamps, requestCache))
                        .failureHandler((request, response, e) -> {
                            LoginController.keepRefusedEmail(request);
                            response.sendRedirect(request.getContextPath()
                                    + (e instanceof SignInThrottledException
                                            ? "/login?throttled"
                                            : DatabaseFailures.unavailable(e) ? "/login?unavailable" : "/login?error"));
                        }))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .requestCache(cache -> cache.requestCache(requestCache))
                .addFilterAfter(stamps.filter(), SecurityContextHolderFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signInFirst(htmx, eventStream))
                        .accessDeniedHandler(sessionEndedOrDenied(htmx)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                                        + "form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    /**
     * Signed in: the session is stamped with the admin's password as stored (a later change elsewhere signs it out) and
     * notes the browser and address it signed in from (the admin's list of where they are signed in), then on to the
     * page that was asked for, or the start.
     */
    private static AuthenticationSuccessHandler signedIn(PasswordStamps stamps, RequestCache requestCache) {
        SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();
        then.setDefaultTargetUrl("/");
        then.setRequestCache(requestCache);
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof AdminUser admin) {
                stamps.stamp(admin.adminId(), request.getSession());
                StoredAdminSessions.noteSignedInFrom(request);
            }
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * Not signed in: to the sign-in page; for an htmx request (a session that ended while a page was open) the whole
     * page goes there, not the fragment. The live Activity stream is answered 401: a browser's EventSource can not
     * follow a redirect to a page, and stops.
     */
    private static AuthenticationEntryPoint signInFirst(RequestMatcher htmx, RequestMatcher eventStream) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byRequest = new LinkedHashMap<>();
        // a search or a page's part asked for: the whole page to the sign-in, back to it once signed in
        byRequest.put(htmx, (request, response, e) -> SessionEnded.htmxToSignIn(request, response));
        byRequest.put(
                eventStream,
                (request, response, e) -> plainText(response, HttpStatus.UNAUTHORIZED, "Sign in to the Control Panel"));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byRequest);
        // a page asked for (kept by the request cache); from a link on a page of the Control Panel, the session ended
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/login");
        LoginUrlAuthenticationEntryPoint sessionEnded = new LoginUrlAuthenticationEntryPoint(SessionEnded.SIGN_IN);
        entryPoint.setDefaultEntryPoint((request, response, e) ->
                (SessionEnded.fromAPage(request) ? sessionEnded : signIn).commence(request, response, e));
        return entryPoint;
    }

    private static boolean asksForEventStream(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    /**
     * A form sent from a page whose session has ended (signed out in another tab, expired) fails its cross-site check,
     * as it must; what the admin needs to hear is that the session ended, so it is the sign-in page, as for a link.
     * Refused to a signed-in admin, it stays the page that says they may not do this.
     */
    private static AccessDeniedHandler sessionEndedOrDenied(RequestMatcher htmx) {
        AccessDeniedHandler denied = new AccessDeniedHandlerImpl();
        AuthenticationTrustResolver signedIn = new AuthenticationTrustResolverImpl();
        return (request, response, e) -> {
            if (!(e instanceof CsrfException)
                    || signedIn.isAuthenticated(
                            SecurityContextHolder.getContext().getAuthentication())) {
                denied.handle(request, response, e);
            } else if (htmx.matches(request)) {
                SessionEnded.htmxToSignIn(request, response);
            } else {
                // back to the page the form was on (what it held is not kept)
                SessionEnded.returnTo(request, request.getHeader(HttpHeaders.REFERER));
                response.sendRedirect(request.getContextPath() + SessionEnded.SIGN_IN);
            }
        };
    }
}
