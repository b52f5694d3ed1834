package com.controlpanel.provisioning.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class ControlPanelDialectTest {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    ControlPanelDialectTest() {
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.addDialect(new ControlPanelDialect());
    }

    private String render(String template, String value) {
        Context context = new Context();
        context.setVariable("value", value);
        return engine.process(template, context);
    }

    @Test
    void textGivesAnAddressItsPlacesToWrapAndEscapesTheRest() {
        assertThat(render("<span cp:text=\"${value}\">shown</span>", "Ann <ann.lee@example.com>"))
                .isEqualTo("<span>Ann &lt;ann<wbr>.lee@<wbr>example<wbr>.com&gt;</span>");
    }

    @Test
    void pathGivesAnAttributesPathItsPlacesToWrap() {
        assertThat(render("<code cp:path=\"${value}\">shown</code>", "name.givenName:x@y.z"))
                .isEqualTo("<code>name.<wbr>givenName:<wbr>x@y.<wbr>z</code>");
    }

    @Test
    void nothingIsAnEmptyBody() {
        assertThat(render("<span cp:text=\"${value}\">shown</span>", null)).isEqualTo("<span></span>");
    }
}
