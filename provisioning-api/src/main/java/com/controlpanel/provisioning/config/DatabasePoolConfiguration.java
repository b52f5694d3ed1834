package com.controlpanel.provisioning.config;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The connection pool: Spring Boot's own Hikari pool, made as Spring Boot makes it (the {@code spring.datasource.*}
 * settings, then every {@code spring.datasource.hikari.*} one), as a {@link DatabasePool}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabasePoolConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public DatabasePool dataSource(DataSourceProperties properties) {
        DatabasePool pool = new DatabasePool();
        pool.setJdbcUrl(properties.determineUrl());
        pool.setUsername(properties.determineUsername());
        pool.setPassword(properties.determinePassword());
        String driver = properties.determineDriverClassName();
        if (driver != null) {
            pool.setDriverClassName(driver);
        }
        if (StringUtils.hasText(properties.getName())) {
            pool.setPoolName(properties.getName());
        }
        return pool;
    }
}
