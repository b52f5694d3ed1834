package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.storage.SharedDatabase;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The Control Panel's sessions are kept in the database (Spring Session, tables of migration V17), so that a restart
 * signs nobody out and every node sharing the database knows every session. Each attribute is stored serialized.
 *
 * <p>An attribute that can no longer be read (written by a version whose classes have changed since) is read as
 * absent, not as an error: the admin is asked to sign in again, instead of every page answering 500 until the session
 * expires.
 *
 * <p>A session is stored under a digest of its id ({@link DigestKeyedSessions}): what the table holds signs nobody in.
 */
@Configuration(proxyBeanMethods = false)
class StoredSessions implements BeanClassLoaderAware {

    private static final Logger log = LoggerFactory.getLogger(StoredSessions.class);

    private ClassLoader classLoader = StoredSessions.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * An attribute the session did not have when the request read it is written over the one another request of the
     * same session kept meanwhile (a double click, two tabs: both add the same flash message), not inserted beside it:
     * Spring Session's plain insert met the attributes' primary key and answered the later request with an error
     * page. The later write is kept, as for an attribute both changed. A session deleted meanwhile still refuses it by
     * its foreign key, which the store ignores (signed out meanwhile).
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> newAttributesWrittenOver(DataSource dataSource) {
        String query = SharedDatabase.of(dataSource) ? POSTGRES_NEW_ATTRIBUTE : H2_NEW_ATTRIBUTE;
        return store -> store.setCreateSessionAttributeQuery(query);
    }

    private static final String POSTGRES_NEW_ATTRIBUTE =
            "INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) VALUES (?, ?, ?)"
                    + " ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)"
                    + " DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES";

    private static final String H2_NEW_ATTRIBUTE =
            "MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
                    + " KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)";

    /** The store makes no id of its own: it is handed the digest of the id its session's cookie will hold. */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionsKeyedByDigest() {
        return store -> store.setSessionIdGenerator(DigestKeyedSessions.STORE_IDS);
    }

    /** The name Spring Session's JDBC store looks this converter up by. */
    @Bean
    ConversionService springSessionConversionService() {
        DeserializingConverter reader = new DeserializingConverter(classLoader);
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, stored -> readOrNothing(reader, stored));
        return conversions;
    }

    static Object readOrNothing(DeserializingConverter reader, byte[] stored) {
        try {
            return reader.convert(stored);
        } catch (SerializationFailedException unreadable) {
            log.warn(
                    "A Control Panel session attribute stored by another version could not be read ({}); read as"
                            + " absent: its admin signs in again",
                    unreadable.getMostSpecificCause().toString());
            return null;
        }
    }
}
