package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.rebuild.ClusterLocks;
import com.controlpanel.provisioning.rebuild.WriteGate;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.Nodes;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator asks for a rebuild on one node while another node of the same PostgreSQL database runs one: the
 * Control Panel says so and stays on the rebuild page; once that rebuild has ended, the button starts one.
 */
@ExtendWith({ChromiumAvailable.class, PostgresAvailable.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRebuildScreenTest {

    private static final String OPERATOR = "cluster-screen-operator@example.com";
    private static final String PASSWORD = "cluster-screen-password-1";

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private Browser browser;
    private String org;

    @BeforeAll
    void start() {
        String url = PostgresAvailable.emptySchema("cluster_screen_test");
        nodeA = Nodes.onPostgres(url, OPERATOR, PASSWORD);
        nodeB = Nodes.onPostgres(url, OPERATOR, PASSWORD);
        org = Http.to("http://localhost:" + Nodes.port(nodeB))
                .basic(OPERATOR, PASSWORD)
                .get("/api/orgs")
                .json()
                .get(0)
                .get("id")
                .asText();
        browser = Browser.start(Nodes.port(nodeB));
        browser.signIn(OPERATOR, PASSWORD);
    }

    @AfterAll
    void stop() {
        Nodes.stop(browser, nodeB, nodeA);
    }

    @Test
    void aRebuildRunningOnAnotherNodeIsNamedAndNoSecondOneStarts() {
        String page = "/orgs/" + org + "/audit/rebuild";
        ClusterLocks.Lease runningOnA =
                nodeA.getBean(WriteGate.class).cluster().tryRebuild().orElseThrow();
        try {
            browser.open(page);
            browser.submit(By.id("start-rebuild"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.text(By.cssSelector(".flash-notice")))
                    .startsWith("A rebuild is running on another node of this service");
            browser.screenshot("audit-rebuild-on-another-node");
        } finally {
            runningOnA.close();
        }
        browser.submit(By.id("start-rebuild"));
        assertThat(browser.path()).matches(".*/audit/rebuild/[0-9a-f-]{36}");
        assertThat(browser.find(By.id("rebuild-progress")).getAttribute("data-status"))
                .isNotBlank();
    }
}
