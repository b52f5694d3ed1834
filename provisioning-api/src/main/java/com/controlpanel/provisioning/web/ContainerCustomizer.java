package com.controlpanel.provisioning.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The servlet container as the edges need it. A query string may hold the characters RFC 3986 wants percent-encoded
 * but clients often send as they are ({@code filter=userName eq "a@b"} typed into curl): Tomcat would refuse them with
 * its own page before the application sees the request; they are read instead (the query's parameters are still
 * checked, {@link QueryStrings}). What Tomcat still refuses itself is answered in the edge's format
 * ({@link ContainerErrorReport}).
 */
@Component
class ContainerCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** Every character Tomcat can be told to accept in a query string. */
    static final String RELAXED_QUERY_CHARS = "\"<>[\\]^`{|}";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("relaxedQueryChars", RELAXED_QUERY_CHARS));
        // TRACE is let through to the application so that it is refused there, in the edge's format, as every method
        // the service does not take (501 naming the ones it does): Tomcat's own refusal is an empty 501 whose Allow
        // lists PUT everywhere and no PATCH. Nothing echoes the request: the security firewall refuses TRACE before
        // any filter chain or servlet sees it.
        factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        // Spring Boot adds the container's own report valve to the host while contexts are configured; by the time
        // the context starts every customizer has run, so it is replaced here, whatever the order of customizers
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                useEdgeErrorReport(context.getParent().getPipeline());
            }
        }));
    }

    private static void useEdgeErrorReport(Pipeline pipeline) {
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ContainerErrorReport) {
                return;
            }
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ContainerErrorReport());
    }
}
