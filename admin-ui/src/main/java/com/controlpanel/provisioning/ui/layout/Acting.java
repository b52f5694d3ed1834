package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** The command context of a Control Panel request: the signed-in admin, the request id and the browser. */
@Component
public class Acting {

    private final RequestIds requestIds;

    public Acting(RequestIds requestIds) {
        this.requestIds = requestIds;
    }

    public CommandContext as(ControlPanelAdmin admin, HttpServletRequest request) {
        return new CommandContext(
                Actor.admin(admin.adminId(), admin.email()), requestIds.idOf(request), request.getHeader("User-Agent"));
    }
}
