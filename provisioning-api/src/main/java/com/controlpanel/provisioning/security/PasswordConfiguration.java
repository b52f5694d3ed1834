package com.controlpanel.provisioning.security;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Admin passwords are stored as bcrypt hashes; a password that matched is remembered for a few minutes (see
 * {@link RecentlyVerifiedPasswords}), so that HTTP Basic on every API request does not cost a bcrypt each.
 */
@Configuration(proxyBeanMethods = false)
public class PasswordConfiguration {

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new RecentlyVerifiedPasswords(new BCryptPasswordEncoder(), Clock.systemUTC());
    }
}
