package com.controlpanel.provisioning.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for tests: real requests against the running application, answers as JSON trees. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Http(String base) {
        this.base = base;
    }

    public static Http to(String base) {
        return new Http(base);
    }

    public Http basic(String user, String password) {
        return header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Http header(String name, String value) {
        Http copy = new Http(base);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    /**
     * Sends a body as given: a String as it is in UTF-8 (malformed JSON too), bytes as they are, a stream in chunks,
     * anything else as JSON.
     */
    public Response send(String method, String path, Object body, String contentType) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                if (contentType != null && !headers.containsKey("Content-Type")) {
                    request.header("Content-Type", contentType);
                }
                if (body instanceof byte[] bytes) {
                    request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
                } else if (body instanceof java.io.InputStream stream) {
                    // no length known beforehand: sent in chunks
                    request.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> stream));
                } else {
                    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                    request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
                }
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET of a route that may answer a stream that never ends: its status and headers, and its body only when it
     * is no stream ({@code text/event-stream} is closed unread, its body empty here).
     */
    public Response getUnlessStreamed(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            HttpResponse<java.io.InputStream> response =
                    CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                boolean streamed = response.headers()
                        .firstValue("Content-Type")
                        .filter(type -> type.startsWith("text/event-stream"))
                        .isPresent();
                String text = streamed ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Response(response.statusCode(), response.headers().map(), text);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request line exactly as given, over a plain socket (HTTP/1.0, no body): for what {@link URI} refuses to
     * carry, such as a broken percent-escape.
     */
    public Response sendRaw(String method, String pathAndQuery) {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + uri.getRawPath() + pathAndQuery + " HTTP/1.0\r\n");
            request.append("Host: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headEnd).split("\r\n");
            Map<String, java.util.List<String>> answerHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                answerHeaders
                        .computeIfAbsent(head[i].substring(0, colon).trim(), name -> new java.util.ArrayList<>())
                        .add(head[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]), answerHeaders, answer.substring(headEnd + 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers, and the body as text and as JSON. */
    public static final class Response {
        private final int status;
        private final Map<String, java.util.List<String>> headers;
        private final String body;

        Response(HttpResponse<String> response) {
            this(response.statusCode(), response.headers().map(), response.body());
        }

        Response(int status, Map<String, java.util.List<String>> headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String text() {
            return body;
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name)
                            && !entry.getValue().isEmpty())
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() {
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
