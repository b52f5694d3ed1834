package com.controlpanel.provisioning.ui.layout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page whose address carries its filters: a query parameter it does not read ({@code ?staus=active}, a filter
 * misspelt in an edited link or bookmark) is the page "This link is not right" ({@link UnknownParameters}), not the
 * whole list as if no filter had been asked for.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ItsParametersOnly {

    /**
     * Components of its {@link org.springframework.web.bind.annotation.ModelAttribute} record that the page does not
     * read all the same (the Activity export reads the filters, not the cursor of a page).
     */
    String[] notRead() default {};
}
