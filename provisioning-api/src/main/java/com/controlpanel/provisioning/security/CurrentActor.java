package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;

/** The command context of the request being served: who is signed in, the request id, the client. */
public final class CurrentActor {

    private CurrentActor() {}

    public static CommandContext of(AdminUser admin, HttpServletRequest request) {
        return new CommandContext(admin.actor(), RequestIdFilter.requestId(request), request.getHeader("User-Agent"));
    }
}
