package com.controlpanel.provisioning.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathBreaksTest {

    @Test
    void aPathMayWrapAfterEachDotOrColonButNotInsideANumber() {
        assertThat(PathBreaks.html("profile.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"))
                .isEqualTo("profile.<wbr>urn:<wbr>ietf:<wbr>params:<wbr>scim:<wbr>schemas:<wbr>extension:<wbr>"
                        + "enterprise:<wbr>2.0:<wbr>User:<wbr>department");
    }

    @Test
    void aPathIsEscapedAndItsEndsGetNoPlace() {
        assertThat(PathBreaks.html(".a<b>.c:")).isEqualTo(".a&lt;b&gt;.<wbr>c:");
        assertThat(PathBreaks.html("userName")).isEqualTo("userName");
        assertThat(PathBreaks.html(null)).isEmpty();
    }
}
