package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.ProvisioningApplication;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.security.AdminAccounts;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nodes started at once on a new database both find no admin and both make the first start: the one whose first admin
 * is stored second (it waited on the admin's email until the other committed) starts as a later start, rather than
 * failing with the database's duplicate key.
 */
class FirstStartRaceTest {

    @TempDir
    Path data;

    @Test
    void aFirstStartThatLosesTheRaceForTheFirstAdminStartsAsALaterOne() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProvisioningApplication.class)
                .run(
                        "--server.port=0",
                        "--provisioning.data-dir=" + data,
                        "--provisioning.admin-password=first-password-1")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            AdminAccounts accounts = context.getBean(AdminAccounts.class);
            // a new database as two nodes find it: no admin yet
            jdbc.update("DELETE FROM admin_account");
            FirstStart first = new FirstStart(
                    accounts,
                    context.getBean(OrganizationAdministration.class),
                    transaction,
                    context.getBean(ProvisioningProperties.class));
            FirstStart second = new FirstStart(
                    accounts,
                    context.getBean(OrganizationAdministration.class),
                    transaction,
                    context.getBean(ProvisioningProperties.class));

            CountDownLatch firstMade = new CountDownLatch(1);
            CountDownLatch secondStarting = new CountDownLatch(1);
            CompletableFuture<Void> firstNode = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
                first.run(null);
                firstMade.countDown();
                // not committed until the other node has looked for admins (none committed) and tried to make one
                await(secondStarting);
                sleep(300);
            }));
            assertThat(firstMade.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> secondNode = CompletableFuture.runAsync(() -> {
                secondStarting.countDown();
                second.run(null);
            });

            firstNode.get(60, TimeUnit.SECONDS);
            secondNode.get(60, TimeUnit.SECONDS);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM admin_account", Integer.class))
                    .isEqualTo(1);
            assertThat(first.generatedPassword()).isEmpty();
            assertThat(second.generatedPassword()).isEmpty();
            assertThat(accounts.findByEmail("admin@localhost")).isPresent();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
