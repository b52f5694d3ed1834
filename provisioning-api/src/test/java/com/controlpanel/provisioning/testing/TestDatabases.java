package com.controlpanel.provisioning.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded H2 databases of the applications a test JVM starts, kept small for the test machine's disk (registered
 * in the tests' {@code META-INF/spring.factories}, so it also applies to the nodes tests start themselves).
 *
 * <ul>
 *   <li>Old data is kept for one second, not H2's 45 ({@code RETENTION_TIME}). H2 keeps what a change replaced for that
 *       long, in case a power failure loses writes the disk had not made yet; the rebuild tests rewrite every read
 *       model several times a minute, and with 45 seconds a test database grew to gigabytes. A test machine's power
 *       failure loses nothing worth keeping. The packaged service keeps H2's default.
 *   <li>A data directory under {@code target/test-data} is deleted when the JVM ends, after its application closed:
 *       the build packages the jar after the tests, on the same disk.
 * </ul>
 */
public final class TestDatabases implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final int RETENTION_MS = 1000;
    private static final String H2_FILE = "jdbc:h2:file:";
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(20);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource && "dataSource".equals(name)) {
                    retainOldDataBriefly(dataSource);
                }
                return bean;
            }
        });
        // the URL names the directory the application chose once (a data-dir of ${random.uuid} differs each time read)
        String url = context.getEnvironment().getProperty("spring.datasource.url", "");
        if (url.startsWith(H2_FILE) && url.contains("/target/test-data/")) {
            String database = url.substring(H2_FILE.length()).split(";", 2)[0];
            Path directory = Path.of(database).toAbsolutePath().normalize().getParent();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> deleteOnceClosed(context, directory), "test-data-cleanup"));
        }
    }

    private static void retainOldDataBriefly(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getURL().startsWith(H2_FILE)) {
                statement.execute("SET RETENTION_TIME " + RETENTION_MS);
            }
        } catch (SQLException e) {
            // a test of a database that can not be opened sees that failure from the application itself
        }
    }

    private static void deleteOnceClosed(ConfigurableApplicationContext context, Path directory) {
        long deadline = System.nanoTime() + CLOSE_PATIENCE.toNanos();
        while (context.isActive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left for the next clean build
        }
    }
}
