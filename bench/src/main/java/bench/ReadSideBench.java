package bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side at scale: an organization of 100,000 members, then
 *
 * <ol>
 *   <li>rebuilds of every read model from the event store ({@code POST /api/admin/rebuild}): events/s; the first
 *       and second compare first and replace what differs (the second should find nothing to replace), the third
 *       builds every read model into fresh tables ({@code ?fresh=true});
 *   <li>the Control Panel's list queries and SCIM lookups: p50/p99;
 *   <li>the organization's state as of an instant ({@code GET /api/orgs/{org}/state?at=}): seconds;
 *   <li>the service's heap.
 * </ol>
 *
 * <p>Creating 100,000 members through SCIM would take the better part of an hour, so the history is grown by
 * copying: the service itself creates a template directory through SCIM (members, groups with members, some
 * deactivated), is stopped, and the template's events are copied into the event store under new ids, names and
 * times, as if Okta had pushed the same directory many times over. The copies are real events of the real shapes,
 * which the service's projections and replay read like any other; the command side's rows of the template's members
 * and teams (what later commands look up: a member exists, a userName or a name is taken) are copied along, so that
 * SCIM writes about a copy are answered as about a member Okta created. Then the service starts again on that store.
 */
public final class ReadSideBench {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String PASSWORD = "bench-password-1";
    private static final int TEMPLATE_MEMBERS = 50;
    private static final int TEMPLATE_GROUPS = 5;

    private final Map<String, String> options;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Path dataDir;
    private final int port;
    private final String base;
    private final String auth;
    private Process service;
    private String org;

    private ReadSideBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.dataDir = options.containsKey("data-dir")
                ? Files.createDirectories(Path.of(options.get("data-dir")))
                : Files.createTempDirectory("read-side-bench");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.base = "http://localhost:" + port;
        this.auth = "Basic "
                + Base64.getEncoder().encodeToString(("admin@localhost:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("service-jar", "../provisioning-api/target/provisioning-api.jar");
        options.put("members", "100000");
        options.put("repeat", "50");
        options.put("filter-repeat", "3");
        options.put("steps", "rebuild,queries,asof");
        options.put("java-options", "");
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("Arguments are --name=value; see bench/README.md");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        ReadSideBench bench = new ReadSideBench(options);
        try {
            bench.run();
        } finally {
            bench.stopService();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        int members = Integer.parseInt(options.get("members"));
        System.out.printf("Read side with %d members (data directory %s)%n", members, dataDir);
        Path prepared = dataDir.resolve("bench-history.properties");
        String[] template;
        CopyResult copied;
        boolean grown = !Files.exists(prepared);
        if (!grown) {
            Properties history = new Properties();
            try (var in = Files.newInputStream(prepared)) {
                history.load(in);
            }
            // the tenant URL of the earlier run, on this run's port
            String tenantPath = URI.create(history.getProperty("tenantUrl")).getPath();
            template = new String[] {base + tenantPath, history.getProperty("token"), history.getProperty("groupId")};
            copied = new CopyResult(
                    Long.parseLong(history.getProperty("totalEvents")),
                    Long.parseLong(history.getProperty("copiedEvents")),
                    Long.parseLong(history.getProperty("lastPosition")),
                    history.getProperty("first"),
                    history.getProperty("last"));
            System.out.printf("history: %d events, prepared by an earlier run%n", copied.totalEvents);
            startService();
            org = field(expect(api("GET", "/api/orgs", null), 200), "id");
        } else {
            startService();
            template = createTemplate();
            Instant templateDone = Instant.now();
            stopService();

            long start = System.nanoTime();
            copied = copyTemplate(members / TEMPLATE_MEMBERS - 1, templateDone.plusSeconds(1));
            System.out.printf(
                    "history: %d events in the store (%d copied in %.1f s); the copies span %s to %s%n",
                    copied.totalEvents, copied.copiedEvents, seconds(start), copied.first, copied.last);
            Properties history = new Properties();
            history.setProperty("tenantUrl", template[0]);
            history.setProperty("token", template[1]);
            history.setProperty("groupId", template[2]);
            history.setProperty("totalEvents", String.valueOf(copied.totalEvents));
            history.setProperty("copiedEvents", String.valueOf(copied.copiedEvents));
            history.setProperty("lastPosition", String.valueOf(copied.lastPosition));
            history.setProperty("first", copied.first);
            history.setProperty("last", copied.last);
            try (var out = Files.newOutputStream(prepared)) {
                history.store(out, "the history this bench grew in this data directory; --data-dir reuses it");
            }

            startService();
            long catchUp = System.nanoTime();
            awaitActivityAt(copied.lastPosition);
            System.out.printf(
                    "Activity > Actions projection caught up with %d new events in %.1f s = %.0f events/s%n",
                    copied.copiedEvents, seconds(catchUp), copied.copiedEvents / seconds(catchUp));
        }

        List<String> steps = List.of(options.get("steps").split(","));
        if (steps.contains("rebuild")) {
            rebuild(
                    Files.exists(prepared) && !grown
                            ? "rebuild 1"
                            : "rebuild 1 (replaces the directory, filling it with the copies; the verification reports"
                                    + " them as differences)",
                    false);
            rebuild("rebuild 2 (everything already in place: verified equal, nothing replaced)", false);
            rebuild("rebuild 3 (into fresh tables: every read model written, switched and verified)", true);
        }
        if (steps.contains("queries") || steps.contains("asof") || steps.contains("filters")) {
            awaitKeptStates();
        }
        if (steps.contains("queries")) {
            queries(template);
        }
        if (steps.contains("filters")) {
            filters(template);
        }
        if (steps.contains("asof")) {
            asOf(copied);
        }
        System.out.println("server heap: " + heap());
    }

    // ---------------------------------------------------------------- the template, through SCIM

    /** Returns the tenant URL, the token, one template group's id, and one template member's userName. */
    private String[] createTemplate() throws Exception {
        org = field(expect(api("GET", "/api/orgs", null), 200), "id");
        String enabled = expect(api("POST", "/api/orgs/" + org + "/provisioning/enable", null), 200);
        String tenantUrl = field(enabled, "tenantUrl");
        String token = field(enabled, "secretToken");
        List<String> memberIds = new ArrayList<>();
        for (int i = 1; i <= TEMPLATE_MEMBERS; i++) {
            String userName = String.format("tpl-%05d@bench.example", i);
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                    + "\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"tpl-Person " + i + "\"},"
                    + "\"emails\":[{\"primary\":true,\"value\":\"" + userName + "\",\"type\":\"work\"}],"
                    + "\"displayName\":\"Bench tpl-Person " + i + "\",\"title\":\"Engineer\",\"externalId\":\"tpl-"
                    + i + "\",\"active\":true}";
            memberIds.add(field(expect(scim(tenantUrl, token, "POST", "/Users", body), 201), "id"));
        }
        String groupId = null;
        for (int g = 1; g <= TEMPLATE_GROUPS; g++) {
            StringBuilder members = new StringBuilder();
            for (int i = (g - 1) * 10; i < g * 10; i++) {
                members.append(members.length() == 0 ? "" : ",")
                        .append("{\"value\":\"")
                        .append(memberIds.get(i))
                        .append("\"}");
            }
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"tpl-Group "
                    + g + "\",\"externalId\":\"tpl-g" + g + "\",\"members\":[" + members + "]}";
            String created = expect(scim(tenantUrl, token, "POST", "/Groups", body), 201);
            if (groupId == null) {
                groupId = field(created, "id");
            }
        }
        for (int i = 0; i < TEMPLATE_MEMBERS; i += 10) {
            String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";
            expect(scim(tenantUrl, token, "PATCH", "/Users/" + memberIds.get(i), patch), 200);
        }
        return new String[] {tenantUrl, token, groupId};
    }

    // ---------------------------------------------------------------- copies, straight into the event store

    private record CopyResult(long totalEvents, long copiedEvents, long lastPosition, String first, String last) {}

    private record Row(
            String eventId,
            String aggregateId,
            long sequence,
            String aggregateType,
            String timestamp,
            String payloadType,
            String payloadRevision,
            byte[] payload,
            byte[] metaData,
            String organization) {}

    private CopyResult copyTemplate(int copies, Instant from) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("provisioning").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            List<Row> template = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT event_identifier, aggregate_identifier,"
                            + " sequence_number, aggregate_type, time_stamp, payload_type, payload_revision, payload,"
                            + " meta_data, organization_id FROM domain_event_entry WHERE aggregate_type IN"
                            + " (SELECT aggregate_type FROM domain_event_entry WHERE payload_type LIKE '%MemberProvisioned'"
                            + " OR payload_type LIKE '%TeamProvisioned') ORDER BY global_index")) {
                while (rows.next()) {
                    template.add(new Row(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getLong(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7),
                            rows.getBytes(8),
                            rows.getBytes(9),
                            rows.getString(10)));
                }
            }
            List<String> aggregates = template.stream().map(Row::aggregateId).distinct().toList();
            // the command side's own rows of the template's members and teams (the lookups of later commands: a
            // copied member can be added to a group, its userName is taken), copied along
            List<String[]> registered = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                for (String table : List.of("cs_member", "cs_team")) {
                    String id = table.equals("cs_member") ? "member_id" : "team_id";
                    String key = table.equals("cs_member") ? "user_name_key" : "name_key";
                    try (ResultSet rows = statement.executeQuery(
                            "SELECT " + id + ", organization_id, " + key + ", source FROM " + table)) {
                        while (rows.next()) {
                            registered.add(new String[] {
                                table, id, key, rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)
                            });
                        }
                    }
                }
            }
            // as Axon writes it: ISO-8601, UTC, milliseconds always present
            DateTimeFormatter format =
                    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
            if (!template.get(0).timestamp().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
                throw new IllegalStateException("Unexpected timestamp format " + template.get(0).timestamp());
            }
            long copied = 0;
            Instant time = from;
            String first = format.format(time);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry"
                    + " (event_identifier, aggregate_identifier, sequence_number, aggregate_type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data, organization_id)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                Map<String, PreparedStatement> registers = new HashMap<>();
                for (int copy = 1; copy <= copies; copy++) {
                    Map<String, String> ids = new HashMap<>();
                    for (String aggregate : aggregates) {
                        ids.put(aggregate, UUID.randomUUID().toString());
                    }
                    String prefix = String.format("c%05d-", copy);
                    for (Row row : template) {
                        time = time.plusMillis(1);
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, ids.get(row.aggregateId()));
                        insert.setLong(3, row.sequence());
                        insert.setString(4, row.aggregateType());
                        insert.setString(5, format.format(time));
                        insert.setString(6, row.payloadType());
                        insert.setString(7, row.payloadRevision());
                        insert.setBytes(8, rewrite(row.payload(), ids, prefix));
                        insert.setBytes(9, row.metaData());
                        insert.setString(10, row.organization());
                        insert.addBatch();
                        copied++;
                    }
                    for (String[] row : registered) {
                        if (ids.containsKey(row[3])) {
                            PreparedStatement register = registers.computeIfAbsent(row[0], table -> prepare(
                                    connection,
                                    "INSERT INTO " + table + " (" + row[1] + ", organization_id, " + row[2]
                                            + ", source) VALUES (?,?,?,?)"));
                            register.setString(1, ids.get(row[3]));
                            register.setString(2, row[4]);
                            register.setString(3, row[5].replace("tpl-", prefix));
                            register.setString(4, row[6]);
                            register.addBatch();
                        }
                    }
                    if (copy % 20 == 0 || copy == copies) {
                        for (PreparedStatement register : registers.values()) {
                            register.executeBatch();
                        }
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            long total;
            long last;
            try (Statement statement = connection.createStatement();
                    ResultSet rows =
                            statement.executeQuery("SELECT COUNT(*), MAX(global_index) FROM domain_event_entry")) {
                rows.next();
                total = rows.getLong(1);
                last = rows.getLong(2);
            }
            return new CopyResult(total, copied, last, first, format.format(time));
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql) {
        try {
            return connection.prepareStatement(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template's ids become the copy's; its names ("tpl-…") get the copy's prefix. */
    private static byte[] rewrite(byte[] payload, Map<String, String> ids, String prefix) {
        String json = new String(payload, StandardCharsets.UTF_8);
        Matcher uuid = UUID_PATTERN.matcher(json);
        StringBuilder out = new StringBuilder(json.length() + 16);
        while (uuid.find()) {
            uuid.appendReplacement(out, ids.getOrDefault(uuid.group(), uuid.group()));
        }
        uuid.appendTail(out);
        return out.toString().replace("tpl-", prefix).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- measurements

    private void awaitActivityAt(long position) throws Exception {
        Pattern positions = Pattern.compile("\"position\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher newest = positions.matcher(expect(api("GET", "/api/orgs/" + org + "/activity?limit=1", null), 200));
            if (newest.find() && Long.parseLong(newest.group(1)) >= position) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Activity did not reach position " + position);
    }

    private void rebuild(String label, boolean fresh) throws Exception {
        String started = expect(api("POST", "/api/admin/rebuild" + (fresh ? "?fresh=true" : ""), null), 202);
        String id = field(started, "id");
        long start = System.nanoTime();
        String progress = started;
        while (!progress.contains("\"COMPLETED\"") && !progress.contains("\"FAILED\"")) {
            Thread.sleep(250);
            progress = expect(api("GET", "/api/admin/rebuild/" + id, null), 200);
        }
        Matcher replaced = Pattern.compile("\"replaced\":(\\[[^]]*]|null)").matcher(progress);
        System.out.printf(
                "%s: %s, %s events in %.1f s (as the service reports it: %s events/s), verified=%s, replaced=%s%n",
                label,
                number(progress, "status"),
                number(progress, "eventsTotal"),
                seconds(start),
                number(progress, "eventsPerSecond"),
                number(progress, "verified"),
                replaced.find() ? replaced.group(1) : "?");
        // the service's own account of each phase: the replay alone (read and fold) beside writing and verifying
        Matcher phase = Pattern.compile("\\{\"name\":\"([^\"]+)\",\"millis\":(\\d+),\"events\":(\\d+)}")
                .matcher(progress);
        StringBuilder phases = new StringBuilder();
        while (phase.find()) {
            long millis = Long.parseLong(phase.group(2));
            long events = Long.parseLong(phase.group(3));
            phases.append(phases.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f s", phase.group(1), millis / 1000.0));
            if (("replay".equals(phase.group(1)) || "check-replay".equals(phase.group(1))) && millis > 0) {
                phases.append(String.format(Locale.ROOT, " (%d events, %.0f events/s)", events, events * 1000.0 / millis));
            }
        }
        System.out.printf("  phases: %s%n", phases);
    }

    private void queries(String[] template) throws Exception {
        int repeat = Integer.parseInt(options.get("repeat"));
        String members = "/api/orgs/" + org + "/members";
        String groupId = template[2];
        String someone = "c00042-00007@bench.example";
        Map<String, String> apiQueries = new LinkedHashMap<>();
        apiQueries.put("members, first page by name", members + "?limit=50");
        apiQueries.put("members, page 1000 by name", members + "?limit=50&offset=50000");
        apiQueries.put("members, search \"c01234\"", members + "?q=c01234&limit=50");
        apiQueries.put("members, search by email", members + "?q=" + encode(someone) + "&limit=50");
        // words most members share: the domain of every email, and it beside a filter
        apiQueries.put("members, search \"bench\" (everyone)", members + "?q=bench&limit=50");
        apiQueries.put("members, search \"bench.example\"", members + "?q=bench.example&limit=50");
        apiQueries.put("members, search \"bench\", deactivated", members + "?q=bench&status=DEACTIVATED&limit=50");
        apiQueries.put("members, deactivated, by email desc", members + "?status=DEACTIVATED&sort=email&order=desc");
        apiQueries.put("members, source OKTA, by created", members + "?source=OKTA&sort=created&limit=50");
        apiQueries.put("members of a team", members + "?team=" + groupId + "&limit=50");
        apiQueries.put("teams, first page", "/api/orgs/" + org + "/teams?limit=50");
        apiQueries.put("activity, newest 50", "/api/orgs/" + org + "/activity?limit=50");
        apiQueries.put("activity, member actions", "/api/orgs/" + org + "/activity?action=member&limit=50");
        // a team's "Add a member": a team made here (the pushed ones take no admin's additions while Okta manages them)
        String candidates = "/api/orgs/" + org + "/teams/" + manualTeam() + "/candidates";
        apiQueries.put("team candidates, no search", candidates + "?limit=8");
        apiQueries.put("team candidates, search \"bench\"", candidates + "?q=bench&limit=8");
        apiQueries.put("team candidates, search \"c01\"", candidates + "?q=c01&limit=8");
        apiQueries.put("team candidates, search \"c012\"", candidates + "?q=c012&limit=8");
        System.out.printf("queries (%d times each, one after another; JSON API with HTTP Basic):%n", repeat);
        for (Map.Entry<String, String> query : apiQueries.entrySet()) {
            measure(query.getKey(), repeat, () -> api("GET", query.getValue(), null));
        }
        String filter = encode("userName eq \"" + someone + "\"");
        measure("SCIM userName eq", repeat, () -> scim(template[0], template[1], "GET", "/Users?filter=" + filter, null));
        // Okta's import pages through every User; its "Test API credentials" asks the first page
        measure("SCIM Users first page", repeat, () -> scim(
                template[0], template[1], "GET", "/Users?startIndex=1&count=100", null));
        measure("SCIM Users page at 50001", repeat, () -> scim(
                template[0], template[1], "GET", "/Users?startIndex=50001&count=100", null));
        measure("SCIM Groups first page", repeat, () -> scim(template[0], template[1], "GET", "/Groups?count=5", null));
        measure("SCIM Groups page at 5001", repeat, () -> scim(
                template[0], template[1], "GET", "/Groups?startIndex=5001&count=100", null));
    }

    /**
     * SCIM searches with filters other than Okta's, each a few times in a row, every answer's status and time: what
     * one request may cost the node (a search over its time limit is answered 400 tooMany). Not through
     * {@link #measure}: those answers need not be 200, and some took minutes before the limit.
     */
    private void filters(String[] template) throws Exception {
        int repeat = Integer.parseInt(options.get("filter-repeat"));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("Entra's email lookup", "emails[type eq \"work\"].value eq \"c00042-00007@bench.example\"");
        filters.put(
                "a substring and a type, or another attribute",
                "emails[value co \"x\" and type eq \"work\"] or addresses[locality co \"y\"]");
        filters.put("a substring or a type in the brackets", "emails[value co \"zz\" or type eq \"fax\"]");
        filters.put("only a not in the brackets", "emails[not (type eq \"work\")]");
        filters.put(
                "fifty value filters (100 comparisons)",
                String.join(" or ", Collections.nCopies(
                        50, "emails[value co \"zz-no-such\" and type eq \"no-such\"]")));
        System.out.printf("SCIM filters (%d times each, one after another, count=100; status and time of each):%n", repeat);
        Pattern outcome = Pattern.compile("\"(totalResults|scimType)\":\"?([^,\"}]+)");
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            StringBuilder line = new StringBuilder();
            String last = "";
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create(template[0] + "/Users?count=100&filter=" + encode(filter.getValue())))
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + template[1])
                        .GET()
                        .build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                line.append(String.format(Locale.ROOT, "  %d %7.3f s", response.statusCode(), seconds(start)));
                Matcher found = outcome.matcher(response.body());
                last = found.find() ? found.group(1) + " " + found.group(2) : "";
            }
            System.out.printf("  %-44s%s   (%s)%n", filter.getKey(), line, last);
        }
    }

    /** The id of the team the bench makes by hand in the organization, made on the first run that asks. */
    private String manualTeam() throws Exception {
        String name = "Bench manual team";
        String found = expect(
                api("GET", "/api/orgs/" + org + "/teams?source=manual&q=" + encode(name) + "&limit=1", null), 200);
        if (!"0".equals(number(found, "total"))) {
            return field(found, "id");
        }
        return field(expect(api("POST", "/api/orgs/" + org + "/teams", "{\"name\":\"" + name + "\"}"), 201), "id");
    }

    /**
     * Waits until the service keeps directory states for "as of an instant" (it folds them in the background after a
     * start on a history it has not kept states of, and after a rebuild), so that the measurements do not share the
     * machine with that fold. The answer's {@code foldedFrom} tells: past the first event once a kept state served.
     */
    private void awaitKeptStates() throws Exception {
        Pattern foldedFrom = Pattern.compile("\"foldedFrom\"\\s*:\\s*(\\d+)");
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        Instant now = Instant.now();
        int calls = 0;
        while (System.nanoTime() < deadline) {
            String body = expect(
                    api("GET", "/api/orgs/" + org + "/state?at=" + encode(now.minusMillis(++calls).toString()), null),
                    200);
            Matcher from = foldedFrom.matcher(body);
            if (!from.find()) {
                System.out.println("(the service keeps no states for \"as of an instant\": it folds every event)");
                return;
            }
            if (Long.parseLong(from.group(1)) > 0) {
                break;
            }
            Thread.sleep(2000);
        }
        System.out.printf(
                "(the service's kept states for \"as of an instant\" in place after %.1f s, %d calls)%n",
                seconds(start), calls);
    }

    /**
     * The whole organization as of "now" (after the last event) and as of half-way through the history. Each call
     * asks a different instant (a millisecond apart), so no call is answered from the few states the service keeps
     * of recent answers.
     */
    private void asOf(CopyResult copied) throws Exception {
        Instant first = Instant.parse(copied.first);
        Instant last = Instant.parse(copied.last);
        // the copies are a millisecond apart from the template's end: run soon after growing the history, the last
        // of them may still lie ahead, and the service refuses a state of an instant still to come
        Duration ahead = Duration.between(Instant.now(), last.plusSeconds(1));
        if (!ahead.isNegative()) {
            System.out.printf("waiting %d s for the copied history's last instant to pass%n", ahead.toSeconds() + 1);
            Thread.sleep(ahead.toMillis() + 1);
        }
        Instant now = Instant.now();
        Map<String, List<Instant>> instants = new LinkedHashMap<>();
        List<Instant> nearNow = new ArrayList<>();
        List<Instant> spread = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            nearNow.add(now.plusMillis(100 + i));
        }
        long span = Duration.between(first, last).toMillis();
        for (int i = 1; i <= 11; i++) {
            spread.add(first.plusMillis(span * i / 12 + 37 * i));
        }
        instants.put("now", nearNow);
        instants.put("11 instants over the history", spread);
        System.out.println("state as of an instant (the whole organization, computed from the event store):");
        StringBuilder warmUp = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            long call = System.nanoTime();
            expect(api("GET", "/api/orgs/" + org + "/state?at=" + encode(now.minusMillis(1000 + i).toString()), null), 200);
            warmUp.append(i == 1 ? "" : " ").append(Math.round((System.nanoTime() - call) / 1e6));
        }
        System.out.printf("  the service's first 3 calls (code not yet compiled, not measured below): %s ms%n", warmUp);
        for (Map.Entry<String, List<Instant>> instant : instants.entrySet()) {
            int repeat = instant.getValue().size();
            long[] nanos = new long[repeat];
            int[] sizes = new int[repeat];
            for (int i = 0; i < repeat; i++) {
                long call = System.nanoTime();
                String body = expect(
                        api("GET", "/api/orgs/" + org + "/state?at=" + encode(instant.getValue().get(i).toString()), null),
                        200);
                nanos[i] = System.nanoTime() - call;
                sizes[i] = body.length();
            }
            StringBuilder each = new StringBuilder();
            for (long call : nanos) {
                each.append(each.length() == 0 ? "" : " ").append(Math.round(call / 1e6));
            }
            Arrays.sort(nanos);
            Arrays.sort(sizes);
            System.out.printf(
                    "  as of %-30s %2d calls, each a different instant: median %6.0f ms, max %6.0f ms (%d to %d KB of JSON)%n"
                            + "      each call, in order (ms): %s%n",
                    instant.getKey(), repeat, nanos[repeat / 2] / 1e6, nanos[repeat - 1] / 1e6, sizes[0] / 1024,
                    sizes[repeat - 1] / 1024, each);
        }
    }

    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    private static void measure(String label, int repeat, Call call) throws Exception {
        for (int i = 0; i < 3; i++) {
            expect(call.call(), 200);
        }
        long[] nanos = new long[repeat];
        int size = 0;
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            size = expect(call.call(), 200).length();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "  %-42s p50 %7.2f ms  p99 %7.2f ms  (%d KB)%n",
                label,
                nanos[repeat / 2] / 1e6,
                nanos[Math.min(repeat - 1, (int) Math.ceil(repeat * 0.99) - 1)] / 1e6,
                size / 1024);
    }

    // ---------------------------------------------------------------- the service

    private void startService() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the service's JVM options, e.g. --java-options="-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
        for (String option : options.get("java-options").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of(
                "-jar", options.get("service-jar"), "--server.port=" + port, "--provisioning.data-dir=" + dataDir));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("service.log").toFile()));
        builder.environment().put("PROVISIONING_ADMIN_PASSWORD", PASSWORD);
        service = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("The service exited; see " + dataDir.resolve("service.log"));
            }
            try {
                if (api("GET", "/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service did not start; see " + dataDir.resolve("service.log"));
    }

    private void stopService() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
        service = null;
    }

    private String heap() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(service.pid()), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String info = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
            return used.find()
                    ? (Long.parseLong(used.group(2)) / 1024) + " MB used of " + (Long.parseLong(used.group(1)) / 1024)
                            + " MB committed (before any GC it triggers)"
                    : info.trim();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- HTTP

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", auth);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> scim(String tenantUrl, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tenantUrl + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/scim+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Expected " + status + " from " + response.request().method() + " "
                    + response.request().uri() + ", got " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }

    /** A number, boolean or string field as text; empty when absent. */
    private static String number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
