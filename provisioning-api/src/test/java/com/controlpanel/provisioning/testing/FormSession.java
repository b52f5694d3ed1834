package com.controlpanel.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Control Panel session over plain HTTP, signed in through the sign-in form as a browser would (cookie, CSRF). */
public final class FormSession {

    private final HttpClient client;
    private final String base;

    private FormSession(int port) {
        this(
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                port);
    }

    private FormSession(HttpClient client, int port) {
        this.client = client;
        this.base = "http://localhost:" + port;
    }

    /** The same browser (its cookies) on another node, or on this one started again on another port. */
    public FormSession at(int port) {
        return new FormSession(client, port);
    }

    /** Sends a form found on the page at {@code pagePath} (its CSRF token taken from there) to {@code action}. */
    public HttpResponse<String> submit(String pagePath, String action, String... fields) throws Exception {
        String page = get(pagePath, false).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find())
                .as("the page %s carries a form's CSRF token", pagePath)
                .isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append('&')
                    .append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return client.send(
                HttpRequest.newBuilder(URI.create(base + action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Referer", base + pagePath)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A session not signed in yet. */
    public static FormSession open(int port) {
        return new FormSession(port);
    }

    /** A session signed in (the sign-in must lead away from the sign-in page). */
    public static FormSession signIn(int port, String email, String password) throws Exception {
        FormSession session = open(port);
        assertThat(session.submitSignIn(email, password)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("signed in")
                .doesNotContain("/login");
        return session;
    }

    /** Fills in and sends the sign-in form; the answer is the redirect it leads to. */
    public HttpResponse<String> submitSignIn(String email, String password) throws Exception {
        String form = get("/login", false).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as("the sign-in form carries its CSRF token").isTrue();
        String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return client.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A server-sent-events stream of the session (the Activity page's), its lines added to {@code lines} as they come
     * and {@code ended} once the server ends it.
     */
    public java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream(
            String path, java.util.concurrent.BlockingQueue<String> lines, String ended) {
        var response = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                r.body().forEach(lines::add);
            } finally {
                lines.add(ended);
                // the client closes its connections once nothing holds it: not while its stream is read
                java.lang.ref.Reference.reachabilityFence(client);
            }
        }));
        return response;
    }

    /** The value of the browser's cookie of that name, as the server set it; empty when it holds none. */
    public java.util.Optional<String> cookie(String name) {
        return client.cookieHandler().stream()
                .map(handler -> ((CookieManager) handler).getCookieStore().getCookies())
                .flatMap(java.util.List::stream)
                .filter(cookie -> cookie.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst();
    }

    /** A page, or (with {@code fragment}) an htmx request for one. */
    public HttpResponse<String> get(String path, boolean fragment) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (fragment) {
            request.header("HX-Request", "true");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
