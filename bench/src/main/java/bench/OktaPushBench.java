package bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Okta's first push, against a running service: for each user, {@code GET /Users?filter=userName eq "…"} (0 hits)
 * then {@code POST /Users}; every few users also a {@code GET /Users/{id}} and a {@code PATCH} (deactivate). A
 * warm-up push first (not measured), then the measured one. With {@code --groups=N}, then Okta's group push of the
 * users just created: each group created empty ({@code POST /Groups}), its members added by {@code PATCH} in chunks,
 * then renamed. Prints requests/s, p50/p99 latency per kind and overall, and the server's heap.
 */
public final class OktaPushBench {

    private enum Kind {
        SEARCH,
        CREATE,
        GET,
        PATCH,
        GROUP_CREATE,
        GROUP_ADD,
        GROUP_RENAME
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> options;
    private final HttpClient client;
    private final String tenantUrl;
    private final String token;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private OktaPushBench(Map<String, String> options) throws Exception {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4))
                .build();
        if (options.containsKey("tenant-url") && options.containsKey("token")) {
            tenantUrl = options.get("tenant-url");
            token = options.get("token");
        } else {
            String[] credentials = enableProvisioning();
            tenantUrl = credentials[0];
            token = credentials[1];
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("base-url", "http://localhost:8080");
        options.put("admin", "admin@localhost");
        options.put("users", "5000");
        options.put("warmup-users", "2000");
        options.put("concurrency", "16");
        options.put("extra-every", "5");
        options.put("groups", "0");
        options.put("group-size", "100");
        options.put("group-chunk", "25");
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("Arguments are --name=value; see bench/README.md");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new OktaPushBench(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int warmup = Integer.parseInt(options.get("warmup-users"));
        int users = Integer.parseInt(options.get("users"));
        System.out.printf(
                "Okta first push against %s: %d users after a warm-up of %d, %d concurrent clients%n",
                tenantUrl, users, warmup, concurrency);
        int groups = Integer.parseInt(options.get("groups"));
        List<String> warmupIds = push("warmup", warmup, concurrency).ids;
        if (groups > 0) {
            pushGroups("warmup", warmupIds, groups, concurrency);
        }
        Result result = push("measured", users, concurrency);
        result.print();
        if (groups > 0) {
            System.out.printf(
                    "group push: %d groups of %s members of the users above (added %s per PATCH), then renamed%n",
                    groups, options.get("group-size"), options.get("group-chunk"));
            pushGroups("measured", result.ids, groups, concurrency).print();
        }
        System.out.println("server heap: " + serverHeap());
    }

    /** One push: each client takes the next user, searches for it, creates it, and sometimes reads and patches it. */
    private Result push(String phase, int users, int concurrency) throws Exception {
        int extraEvery = Integer.parseInt(options.get("extra-every"));
        Result result = new Result(users * 4);
        return clients(concurrency, users, result, i -> user(phase, i, extraEvery, result));
    }

    private interface Task {
        void run(int i) throws Exception;
    }

    /** Runs tasks 0 to count - 1 on this many concurrent clients, each taking the next; times the whole. */
    private static Result clients(int concurrency, int count, Result result, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> future : clients) {
            future.get();
        }
        result.elapsedNanos = System.nanoTime() - start;
        pool.shutdown();
        return result;
    }

    /** Okta's group push: each client takes the next group, creates it empty, adds its members, renames it. */
    private Result pushGroups(String phase, List<String> userIds, int groups, int concurrency) throws Exception {
        int size = Math.min(Integer.parseInt(options.get("group-size")), userIds.size());
        int chunk = Integer.parseInt(options.get("group-chunk"));
        Result result = new Result(groups * (2 + (size + chunk - 1) / chunk));
        return clients(concurrency, groups, result, g -> {
            List<String> members = new ArrayList<>(size);
            for (int m = 0; m < size; m++) {
                members.add(userIds.get((g * size + m) % userIds.size()));
            }
            group(phase, g, members, chunk, result);
        });
    }

    private void group(String phase, int g, List<String> members, int chunk, Result result) throws Exception {
        String name = "Bench " + run + " " + phase + " " + g;
        HttpResponse<String> created = timed(result, Kind.GROUP_CREATE, request("/Groups")
                .header("Content-Type", "application/scim+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + name
                                + "\",\"members\":[]}")));
        expect(created, 201);
        Matcher id = ID.matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("No id in " + created.body());
        }
        String path = "/Groups/" + id.group(1);
        for (int from = 0; from < members.size(); from += chunk) {
            StringBuilder values = new StringBuilder();
            for (String member : members.subList(from, Math.min(members.size(), from + chunk))) {
                values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(member).append("\"}");
            }
            expect(
                    timed(result, Kind.GROUP_ADD, patch(path, "{\"op\":\"add\",\"path\":\"members\",\"value\":["
                            + values + "]}")),
                    204);
        }
        expect(
                timed(result, Kind.GROUP_RENAME, patch(path, "{\"op\":\"replace\",\"value\":{\"id\":\"" + id.group(1)
                        + "\",\"displayName\":\"" + name + " renamed\"}}")),
                204);
    }

    private HttpRequest.Builder patch(String path, String operation) {
        return request(path)
                .header("Content-Type", "application/scim+json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                                        + operation + "]}"));
    }

    private void user(String phase, int i, int extraEvery, Result result) throws Exception {
        String userName = "bench-" + run + "-" + phase + "-" + i + "@example.com";
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8)
                .replace("+", "%20");
        HttpResponse<String> search = timed(result, Kind.SEARCH, request("/Users?filter=" + filter
                        + "&startIndex=1&count=100")
                .GET());
        expect(search, 200);
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User " + i + "\"},"
                + "\"emails\":[{\"primary\":true,\"value\":\"" + userName + "\",\"type\":\"work\"}],"
                + "\"displayName\":\"Bench User " + i + "\",\"locale\":\"en-US\",\"externalId\":\"00u" + run + i
                + "\",\"groups\":[],\"password\":\"1mz050nq\",\"active\":true}";
        HttpResponse<String> created = timed(result, Kind.CREATE, request("/Users")
                .header("Content-Type", "application/scim+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        expect(created, 201);
        Matcher id = ID.matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("No id in " + created.body());
        }
        result.ids.add(id.group(1));
        if (i % extraEvery == 0) {
            expect(timed(result, Kind.GET, request("/Users/" + id.group(1)).GET()), 200);
            String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";
            expect(
                    timed(result, Kind.PATCH, request("/Users/" + id.group(1))
                            .header("Content-Type", "application/scim+json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))),
                    200);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(tenantUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "Okta SCIM Client 1.0.0");
    }

    private HttpResponse<String> timed(Result result, Kind kind, HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        result.record(kind, System.nanoTime() - start);
        return response;
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Expected " + status + " from " + response.request().method() + " "
                    + response.request().uri() + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    /** Switches provisioning on for the first organization the admin manages (or issues new credentials). */
    private String[] enableProvisioning() throws Exception {
        String base = options.get("base-url");
        String password = options.get("password");
        if (password == null) {
            throw new IllegalArgumentException("Give --password=<admin password> (or --tenant-url and --token)");
        }
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString((options.get("admin") + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> orgs = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/orgs"))
                        .header("Authorization", auth)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(orgs, 200);
        Matcher org = ID.matcher(orgs.body());
        if (!org.find()) {
            throw new IllegalStateException("No organization in " + orgs.body());
        }
        String path = base + "/api/orgs/" + org.group(1) + "/provisioning/";
        HttpResponse<String> enabled = client.send(
                HttpRequest.newBuilder(URI.create(path + "enable"))
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(enabled, 200);
        if (!enabled.body().contains("secretToken")) {
            enabled = client.send(
                    HttpRequest.newBuilder(URI.create(path + "credentials"))
                            .header("Authorization", auth)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            expect(enabled, 200);
        }
        return new String[] {field(enabled.body(), "tenantUrl"), field(enabled.body(), "secretToken")};
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }

    /** The server's heap, from {@code jcmd <pid> GC.heap_info} (the pid given, or the running provisioning-api.jar). */
    private String serverHeap() {
        try {
            String pid = options.get("server-pid");
            if (pid == null) {
                pid = run("jcmd", "-l").lines()
                        .filter(line -> line.contains("provisioning-api.jar"))
                        .map(line -> line.split(" ")[0])
                        .findFirst()
                        .orElse(null);
            }
            if (pid == null) {
                return "unknown (give --server-pid=<pid> of the service's JVM on this machine)";
            }
            String info = run("jcmd", pid, "GC.heap_info");
            Matcher heap = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            if (heap.find()) {
                return String.format(
                        Locale.ROOT,
                        "%d MB used of %d MB committed (pid %s, after the run, before any GC it triggers)",
                        Long.parseLong(heap.group(2)) / 1024,
                        Long.parseLong(heap.group(1)) / 1024,
                        pid);
            }
            return info.strip();
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> out.append(line).append('\n'));
        }
        process.waitFor();
        return out.toString();
    }

    /** Latencies of one push, by kind of request. */
    private static final class Result {
        private final Map<Kind, long[]> latencies = new EnumMap<>(Kind.class);
        private final Map<Kind, AtomicInteger> counts = new EnumMap<>(Kind.class);
        private final AtomicLong total = new AtomicLong();
        /** The ids of the users created, in no particular order. */
        final List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());

        private long elapsedNanos;

        Result(int capacity) {
            for (Kind kind : Kind.values()) {
                latencies.put(kind, new long[capacity]);
                counts.put(kind, new AtomicInteger());
            }
        }

        void record(Kind kind, long nanos) {
            latencies.get(kind)[counts.get(kind).getAndIncrement()] = nanos;
            total.incrementAndGet();
        }

        void print() {
            double seconds = elapsedNanos / 1e9;
            int users = counts.get(Kind.CREATE).get();
            System.out.printf(
                    Locale.ROOT,
                    "requests: %d in %.1f s = %.0f requests/s%s%n",
                    total.get(),
                    seconds,
                    total.get() / seconds,
                    users == 0 ? "" : String.format(Locale.ROOT, " (%.0f users/s)", users / seconds));
            long[] all = new long[(int) total.get()];
            int at = 0;
            for (Kind kind : Kind.values()) {
                int n = counts.get(kind).get();
                if (n == 0) {
                    continue;
                }
                long[] sorted = Arrays.copyOf(latencies.get(kind), n);
                System.arraycopy(sorted, 0, all, at, n);
                at += n;
                Arrays.sort(sorted);
                System.out.printf(
                        Locale.ROOT,
                        "  %-12s %6d requests  p50 %6.2f ms  p99 %6.2f ms%n",
                        kind.name().toLowerCase(Locale.ROOT),
                        n,
                        percentile(sorted, 50),
                        percentile(sorted, 99));
            }
            Arrays.sort(all);
            System.out.printf(
                    Locale.ROOT,
                    "  %-12s %6d requests  p50 %6.2f ms  p99 %6.2f ms%n",
                    "all",
                    all.length,
                    percentile(all, 50),
                    percentile(all, 99));
        }

        private static double percentile(long[] sorted, int percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
