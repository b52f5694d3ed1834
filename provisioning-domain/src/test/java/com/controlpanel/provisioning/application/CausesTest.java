package com.controlpanel.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void findsTheFirstCauseOfATypeThroughTheWrapping() {
        IOException io = new IOException("disk");
        RuntimeException wrapped = new IllegalStateException("outer", new UncheckedIOException("middle", io));

        assertThat(Causes.find(wrapped, IOException.class)).containsSame(io);
        assertThat(Causes.find(wrapped, RuntimeException.class)).containsSame(wrapped);
        assertThat(Causes.find(wrapped, InterruptedException.class)).isEmpty();
        assertThat(Causes.any(wrapped, cause -> "middle".equals(cause.getMessage())))
                .isTrue();
    }

    @Test
    void aCauseThatIsItsOwnCauseOrAnEndlessChainEnds() {
        RuntimeException selfCaused = new RuntimeException("self") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(Causes.find(selfCaused, IOException.class)).isEmpty();

        RuntimeException[] loop = {new RuntimeException("a"), new RuntimeException("b")};
        loop[0].initCause(loop[1]);
        loop[1].initCause(loop[0]);
        assertThat(Causes.find(loop[0], IOException.class)).isEmpty();
    }
}
