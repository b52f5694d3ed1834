package com.controlpanel.provisioning.ui.layout;

import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.processor.AbstractStandardExpressionAttributeTagProcessor;
import org.thymeleaf.standard.processor.StandardTextTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The Control Panel's own template attributes, prefix {@code cp}:
 *
 * <ul>
 *   <li>{@code cp:text="${…}"}: as {@code th:text}, the addresses in the text wrapping at their natural places
 *       ({@link EmailBreaks}). For every text that may hold an email: a member's or admin's email, a summary, a
 *       subject's name.
 *   <li>{@code cp:path="${…}"}: as {@code th:text}, for an attribute's path, wrapping after its dots and colons
 *       ({@link PathBreaks}).
 * </ul>
 */
@Component
public class ControlPanelDialect extends AbstractProcessorDialect {

    static final String PREFIX = "cp";

    public ControlPanelDialect() {
        super("Control Panel", PREFIX, StandardTextTagProcessor.PRECEDENCE);
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(
                new BreakableText(dialectPrefix, "text", EmailBreaks::html),
                new BreakableText(dialectPrefix, "path", PathBreaks::html));
    }

    /** The expression's value as the element's body, escaped, with places to wrap as {@code html} gives them. */
    private static final class BreakableText extends AbstractStandardExpressionAttributeTagProcessor {

        private final Function<String, String> html;

        BreakableText(String dialectPrefix, String attributeName, Function<String, String> html) {
            super(TemplateMode.HTML, dialectPrefix, attributeName, StandardTextTagProcessor.PRECEDENCE, true, false);
            this.html = html;
        }

        @Override
        protected void doProcess(
                ITemplateContext context,
                IProcessableElementTag tag,
                AttributeName attributeName,
                String attributeValue,
                Object expressionResult,
                IElementTagStructureHandler structureHandler) {
            structureHandler.setBody(html.apply(expressionResult == null ? "" : expressionResult.toString()), false);
        }
    }
}
