package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A processor's claim left behind by a process that was killed: on the embedded H2 store, which one process opens at a
 * time, the next start takes it at once (else Activity lagged 10 s behind the writes after such a restart); where
 * several nodes share the store, another node's claim is left until it times out, also a node whose process has the
 * same name.
 */
class TokenClaimsTest {

    private final JdbcDataSource database = new JdbcDataSource();
    private final JdbcTemplate jdbc;

    TokenClaimsTest() {
        database.setURL("jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(database);
    }

    private TokenStore tokenStore(String configuredUrl) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(configuredUrl);
        TokenStore tokens = new AxonConfiguration()
                .tokenStore(database::getConnection, JacksonSerializer.defaultSerializer(), properties);
        ((JdbcTokenStore) tokens).createSchema(GenericTokenTableFactory.INSTANCE);
        return tokens;
    }

    /** The claim a process holds on its processor's only segment, refreshed a moment before it was killed. */
    private void claimedJustNowBy(String owner) {
        int claimed = jdbc.update(
                "UPDATE token_entry SET owner = ?, claimed_at = ? WHERE processor_name = 'activity'",
                owner,
                Instant.now().toString());
        assertThat(claimed).isEqualTo(1);
    }

    @Test
    void onTheEmbeddedStoreTheClaimOfAKilledProcessIsTakenAtOnce() {
        TokenStore tokens = tokenStore("jdbc:h2:file:/var/lib/provisioning/provisioning;WRITE_DELAY=500");
        tokens.initializeTokenSegments("activity", 1);
        claimedJustNowBy(AxonConfiguration.EMBEDDED_NODE);

        assertThatCode(() -> tokens.fetchToken("activity", 0)).doesNotThrowAnyException();
        assertThat(jdbc.queryForObject("SELECT owner FROM token_entry", String.class))
                .isEqualTo(AxonConfiguration.EMBEDDED_NODE);
    }

    @Test
    void whereSeveralNodesShareTheStoreAnotherNodesClaimWaitsForItsTimeout() {
        TokenStore tokens = tokenStore("jdbc:postgresql://localhost:5432/provisioning");
        tokens.initializeTokenSegments("activity", 1);
        claimedJustNowBy("4711@another-node");

        assertThatThrownBy(() -> tokens.fetchToken("activity", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void twoNodesOfTheSameProcessNameAreTwoOwners() {
        // two containers on one host's network, each its pid 1: the same pid@host; or two nodes in one JVM
        TokenStore nodeA = tokenStore("jdbc:postgresql://localhost:5432/provisioning");
        TokenStore nodeB = tokenStore("jdbc:postgresql://localhost:5432/provisioning");
        nodeA.initializeTokenSegments("activity", 1);
        nodeA.fetchToken("activity", 0);

        assertThatThrownBy(() -> nodeB.fetchToken("activity", 0))
                .as("node A's claim is its own until it times out")
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatCode(() -> nodeA.fetchToken("activity", 0)).doesNotThrowAnyException();
    }

    @Test
    void anH2ServerOthersMayOpenToIsTreatedAsShared() {
        TokenStore tokens = tokenStore("jdbc:h2:file:/data/provisioning;AUTO_SERVER=TRUE");
        tokens.initializeTokenSegments("activity", 1);
        claimedJustNowBy(AxonConfiguration.EMBEDDED_NODE);

        assertThatThrownBy(() -> tokens.fetchToken("activity", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }
}
