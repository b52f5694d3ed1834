package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.scim.error.ScimExceptionHandler;
import com.controlpanel.provisioning.security.ScimClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Keeps one organization from taking the service for itself, and the service from drowning: each organization may
 * make {@code requests-per-second} SCIM requests per second on average, in bursts of up to {@code burst} (a token
 * bucket), at most {@code max-concurrent-requests-per-organization} of its SCIM requests are served at once (so that
 * its slow searches leave database connections to the others), and at most {@code max-concurrent-requests} SCIM
 * requests of all organizations together. A request waits up to {@code overload-wait} for its turn; beyond any of
 * these, the answer is 429 with {@code Retry-After} (seconds), which Okta and Entra ID honour.
 */
@Component
public class ScimTrafficGuard implements HandlerInterceptor {

    private static final String ADMITTED = ScimTrafficGuard.class.getName() + ".admitted";

    private final ScimProperties properties;
    private final ConcurrentHashMap<OrganizationId, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrganizationId, Semaphore> organizationsInFlight = new ConcurrentHashMap<>();
    private final Semaphore inFlight;

    public ScimTrafficGuard(ScimProperties properties) {
        this.properties = properties;
        this.inFlight = new Semaphore(properties.maxConcurrentRequests());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ScimClient client)) {
            return true;
        }
        TokenBucket bucket = buckets.computeIfAbsent(
                client.organizationId(), id -> new TokenBucket(properties.requestsPerSecond(), properties.burst()));
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            refuse(
                    request,
                    response,
                    seconds,
                    "This organization is over its limit of " + properties.requestsPerSecond()
                            + " SCIM requests per second: retry in " + seconds + " s");
            return false;
        }
        Semaphore organization = organizationsInFlight.computeIfAbsent(
                client.organizationId(), id -> new Semaphore(properties.maxConcurrentRequestsPerOrganization()));
        long deadline = System.nanoTime() + properties.overloadWait().toNanos();
        if (!acquire(organization, deadline)) {
            refuse(
                    request,
                    response,
                    1,
                    "This organization has " + properties.maxConcurrentRequestsPerOrganization()
                            + " SCIM requests being served, the most it may: retry in 1 s");
            return false;
        }
        if (!acquire(inFlight, deadline)) {
            organization.release();
            refuse(request, response, 1, "The service is busy: retry in 1 s");
            return false;
        }
        request.setAttribute(ADMITTED, organization);
        return true;
    }

    private static boolean acquire(Semaphore permits, long deadline) {
        try {
            return permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (request.getAttribute(ADMITTED) instanceof Semaphore organization) {
            request.removeAttribute(ADMITTED);
            inFlight.release();
            organization.release();
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long seconds, String detail)
            throws IOException {
        ResponseEntity<String> error = ScimExceptionHandler.error(request, 429, null, detail);
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(ScimResponses.SCIM_JSON.toString());
        response.getOutputStream().write(error.getBody().getBytes(StandardCharsets.UTF_8));
    }

    /** A token bucket: {@code rate} tokens a second, holding at most {@code capacity}. */
    static final class TokenBucket {

        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long updatedAt;

        TokenBucket(double perSecond, int capacity) {
            this.ratePerNano = perSecond / 1_000_000_000.0;
            this.capacity = capacity;
            this.tokens = capacity;
            this.updatedAt = System.nanoTime();
        }

        /** Takes a token if there is one (0); else how long until there will be one, in nanoseconds. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * ratePerNano);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / ratePerNano);
        }
    }
}
