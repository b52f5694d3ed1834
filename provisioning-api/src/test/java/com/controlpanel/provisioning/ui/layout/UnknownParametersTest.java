package com.controlpanel.provisioning.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/** The names a marked page reads, as the framework binds them, and nothing else in its address. */
class UnknownParametersTest {

    record Filters(String actor, String action) {}

    static class Pages {

        @ItsParametersOnly
        String list(
                @PathVariable String org,
                @RequestParam(required = false) String status,
                @RequestParam(name = "password-changed", required = false) String changed,
                @RequestParam("via-value") String value,
                @ModelAttribute("params") Filters filters) {
            return "list";
        }

        String unmarked(@RequestParam(required = false) String q) {
            return "unmarked";
        }
    }

    private final UnknownParameters unknown = new UnknownParameters();

    private static HandlerMethod page(String name) throws NoSuchMethodException {
        for (var method : Pages.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return new HandlerMethod(new Pages(), method);
            }
        }
        throw new NoSuchMethodException(name);
    }

    private boolean asked(String handler, String... query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orgs/o/members");
        for (int i = 0; i < query.length; i += 2) {
            request.addParameter(query[i], query[i + 1]);
        }
        return unknown.preHandle(request, new MockHttpServletResponse(), page(handler));
    }

    @Test
    void aMarkedPageReadsItsRequestParametersAndItsFilterRecordsComponents() throws Exception {
        assertThat(UnknownParameters.namesRead(page("list")))
                .containsExactlyInAnyOrder("status", "password-changed", "via-value", "actor", "action");
        assertThat(asked("list", "status", "active", "actor", "okta", "password-changed", ""))
                .isTrue();
    }

    @Test
    void aNameTheMarkedPageDoesNotReadIsABadLinkWhateverItsValue() {
        assertThatThrownBy(() -> asked("list", "staus", "active")).isInstanceOf(BadLink.class);
        assertThatThrownBy(() -> asked("list", "Status", "active")).isInstanceOf(BadLink.class);
        assertThatThrownBy(() -> asked("list", "org", "o")).isInstanceOf(BadLink.class);
        assertThatThrownBy(() -> asked("list", "status", "active", "extra", "")).isInstanceOf(BadLink.class);
    }

    @Test
    void aPageNotMarkedTakesAnyParameter() throws Exception {
        assertThat(asked("unmarked", "anything", "x")).isTrue();
    }

    @Test
    void aFilterValueNoControlGivesIsABadLinkAndABlankOneNoFilter() {
        assertThat(Choices.known(" Active ", "invited", "active")).isEqualTo("active");
        assertThat(Choices.known("", "invited", "active")).isEmpty();
        assertThat(Choices.known(null, "invited", "active")).isEmpty();
        assertThatThrownBy(() -> Choices.known("bogus", "invited", "active")).isInstanceOf(BadLink.class);
        assertThatThrownBy(() -> Choices.known("active,invited", "invited", "active"))
                .isInstanceOf(BadLink.class);
    }
}
