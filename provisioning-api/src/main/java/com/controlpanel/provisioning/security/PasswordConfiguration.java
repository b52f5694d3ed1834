package com.controlpanel.provisioning.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Admin passwords are stored as bcrypt hashes; a password that matched is remembered for a few minutes (see
 * {@link RecentlyVerifiedPasswords}), so that HTTP Basic on every API request does not cost a bcrypt each.
 */
@Configuration(proxyBeanMethods = false)
public class PasswordConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PasswordConfiguration.class);

    /**
     * Wrong passwords counted per email and client in the database (every node reads the same counts), shared by the
     * sign-in and the admin's own password change; each lock is logged and counted
     * ({@code provisioning_sign_in_locks_total}) on the node whose failure set it.
     */
    @Bean
    public SignInThrottle signInThrottle(
            ObjectProvider<MeterRegistry> registry, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        Counter locks = registry.getIfAvailable(SimpleMeterRegistry::new).counter("provisioning.sign.in.locks");
        return new SignInThrottle(
                Clock.systemUTC(),
                who -> {
                    locks.increment();
                    log.warn(
                            "Sign-in of {} refused for {} minutes: {} wrong passwords",
                            who,
                            SignInThrottle.WINDOW.toMinutes(),
                            SignInThrottle.ALLOWED_FAILURES);
                },
                new StoredSignInFailures(jdbc, transactions));
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new RecentlyVerifiedPasswords(new BCryptPasswordEncoder(), Clock.systemUTC());
    }
}
