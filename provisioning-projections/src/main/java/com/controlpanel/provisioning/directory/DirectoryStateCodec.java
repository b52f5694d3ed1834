package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TenantId;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The stored form of a directory state kept by {@link DirectoryCheckpoints}: a compact binary layout, deflated. It
 * holds what a state as of an instant shows (members' user names, names and shown email, not their whole profile:
 * see {@link InMemoryDirectoryStore#shownOnly()}), and reads back a hundred thousand members in a fraction of a
 * second, where general-purpose JSON took seconds.
 *
 * <p>Strings that recur (organization and team ids) are written once and referred to by number afterwards.
 */
final class DirectoryStateCodec {

    private DirectoryStateCodec() {}

    static byte[] encode(InMemoryDirectoryStore store) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (Writer out = new Writer(new DataOutputStream(
                new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16), 1 << 16)))) {
            out.data.writeInt(store.organizations().size());
            for (OrganizationRow row : store.organizations()) {
                out.shared(row.organizationId().value());
                out.string(row.name());
                out.string(row.tenantId().value());
                out.data.writeBoolean(row.provisioningEnabled());
                out.string(
                        row.credentialId() == null ? null : row.credentialId().value());
                out.instant(row.tokenIssuedAt());
                out.instant(row.createdAt());
                out.data.writeLong(row.version());
            }
            out.data.writeInt(store.members().size());
            for (MemberRow row : store.members()) {
                write(out, row);
            }
            out.data.writeInt(store.teams().size());
            for (TeamRow row : store.teams()) {
                out.shared(row.teamId().value());
                out.shared(row.organizationId().value());
                out.data.writeByte(row.source().ordinal());
                out.string(row.displayName().value());
                out.string(row.externalId());
                out.data.writeInt(row.memberCount());
                out.instant(row.createdAt());
                out.instant(row.lastModifiedAt());
                out.data.writeLong(row.version());
                out.data.writeLong(row.membersDigest());
            }
            // a team's members by their place in the members written above
            Map<MemberId, Integer> places = new HashMap<>(store.members().size() * 2);
            for (MemberRow row : store.members()) {
                places.put(row.memberId(), places.size());
            }
            Map<TeamId, Map<MemberId, Instant>> memberships = store.memberships();
            out.data.writeInt(memberships.size());
            for (Map.Entry<TeamId, Map<MemberId, Instant>> team : memberships.entrySet()) {
                out.shared(team.getKey().value());
                out.data.writeInt(team.getValue().size());
                for (Map.Entry<MemberId, Instant> member : team.getValue().entrySet()) {
                    Integer place = places.get(member.getKey());
                    out.data.writeInt(place == null ? -1 : place);
                    if (place == null) {
                        out.string(member.getKey().value());
                    }
                    out.instant(member.getValue());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("A directory state could not be written", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static InMemoryDirectoryStore decode(byte[] state) {
        InMemoryDirectoryStore store = InMemoryDirectoryStore.shownOnly();
        Inflater inflater = new Inflater();
        try (InputStream inflating = new InflaterInputStream(new ByteArrayInputStream(state), inflater, 1 << 16)) {
            Reader in = new Reader(ByteBuffer.wrap(inflating.readAllBytes()));
            Map<String, OrganizationId> organizations = new HashMap<>();
            Source[] sources = Source.values();
            for (int i = in.data.getInt(); i > 0; i--) {
                OrganizationId organizationId = organizations.computeIfAbsent(in.shared(), OrganizationId::new);
                String name = in.string();
                TenantId tenantId = new TenantId(in.string());
                boolean enabled = (in.data.get() != 0);
                String credential = in.string();
                store.putOrganization(new OrganizationRow(
                        organizationId,
                        name,
                        tenantId,
                        enabled,
                        credential == null ? null : new CredentialId(credential),
                        in.instant(),
                        in.instant(),
                        in.data.getLong()));
            }
            MemberId[] members = new MemberId[in.data.getInt()];
            for (int i = 0; i < members.length; i++) {
                MemberRow member = member(in, organizations, sources);
                members[i] = member.memberId();
                store.restoreMember(member);
            }
            Map<String, TeamId> teams = new HashMap<>();
            for (int i = in.data.getInt(); i > 0; i--) {
                store.insertTeam(team(in, organizations, teams, sources));
            }
            for (int i = in.data.getInt(); i > 0; i--) {
                TeamId teamId = teams.computeIfAbsent(in.shared(), TeamId::new);
                for (int m = in.data.getInt(); m > 0; m--) {
                    int place = in.data.getInt();
                    MemberId memberId = place >= 0 ? members[place] : new MemberId(in.string());
                    store.addMembership(null, teamId, memberId, in.instant());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("A kept directory state could not be read", e);
        } finally {
            inflater.end();
        }
        return store;
    }

    private static void write(Writer out, MemberRow row) throws IOException {
        MemberProfile profile = row.profile();
        out.string(row.memberId().value());
        out.shared(row.organizationId().value());
        out.data.writeByte(row.source().ordinal());
        out.data.writeBoolean(row.active());
        out.string(profile.userName().value());
        out.string(profile.displayName());
        out.string(profile.name().formatted());
        out.string(profile.name().familyName());
        out.string(profile.name().givenName());
        out.string(profile.emails().isEmpty() ? null : profile.email());
        out.instant(row.createdAt());
        out.instant(row.lastModifiedAt());
        out.data.writeLong(row.version());
    }

    private static MemberRow member(Reader in, Map<String, OrganizationId> organizations, Source[] sources) {
        MemberId memberId = new MemberId(in.string());
        OrganizationId organizationId = organizations.computeIfAbsent(in.shared(), OrganizationId::new);
        Source source = sources[in.data.get()];
        boolean active = (in.data.get() != 0);
        MemberProfile profile = InMemoryDirectoryStore.shownProfile(
                in.string(), in.string(), in.string(), in.string(), in.string(), in.string());
        return new MemberRow(
                memberId, organizationId, source, active, profile, in.instant(), in.instant(), in.data.getLong());
    }

    private static TeamRow team(
            Reader in, Map<String, OrganizationId> organizations, Map<String, TeamId> teams, Source[] sources) {
        TeamId teamId = teams.computeIfAbsent(in.shared(), TeamId::new);
        OrganizationId organizationId = organizations.computeIfAbsent(in.shared(), OrganizationId::new);
        return new TeamRow(
                teamId,
                organizationId,
                sources[in.data.get()],
                new TeamName(in.string()),
                in.string(),
                in.data.getInt(),
                in.instant(),
                in.instant(),
                in.data.getLong(),
                in.data.getLong());
    }

    /** Strings as UTF-8 with a length (-1: null); shared strings as a number, the first time followed by the text. */
    private static final class Writer implements AutoCloseable {
        final DataOutputStream data;
        private final Map<String, Integer> shared = new HashMap<>();

        Writer(DataOutputStream data) {
            this.data = data;
        }

        void string(String value) throws IOException {
            if (value == null) {
                data.writeInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            data.writeInt(utf8.length);
            data.write(utf8);
        }

        void shared(String value) throws IOException {
            Integer known = shared.get(value);
            if (known != null) {
                data.writeInt(known);
                return;
            }
            data.writeInt(shared.size());
            shared.put(value, shared.size());
            string(value);
        }

        void instant(Instant value) throws IOException {
            data.writeBoolean(value != null);
            if (value != null) {
                data.writeLong(value.getEpochSecond());
                data.writeInt(value.getNano());
            }
        }

        @Override
        public void close() throws IOException {
            data.close();
        }
    }

    private static final class Reader {
        final ByteBuffer data;
        private final List<String> shared = new ArrayList<>();

        Reader(ByteBuffer data) {
            this.data = data;
        }

        String string() {
            int length = data.getInt();
            if (length < 0) {
                return null;
            }
            String value = new String(data.array(), data.position(), length, StandardCharsets.UTF_8);
            data.position(data.position() + length);
            return value;
        }

        String shared() {
            int index = data.getInt();
            if (index < shared.size()) {
                return shared.get(index);
            }
            String value = string();
            shared.add(value);
            return value;
        }

        Instant instant() {
            return data.get() != 0 ? Instant.ofEpochSecond(data.getLong(), data.getInt()) : null;
        }
    }
}
