package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in admin: the Control Panel and the JSON API act on its behalf. */
public class AdminUser extends User implements ControlPanelAdmin {

    public static final String OPERATOR = "ROLE_OPERATOR";
    public static final String ADMIN = "ROLE_ADMIN";

    private final AdminId adminId;
    private final boolean operator;

    public AdminUser(AdminId adminId, String email, String passwordHash, boolean operator) {
        super(
                email,
                passwordHash,
                operator
                        ? List.of(new SimpleGrantedAuthority(ADMIN), new SimpleGrantedAuthority(OPERATOR))
                        : List.of(new SimpleGrantedAuthority(ADMIN)));
        this.adminId = adminId;
        this.operator = operator;
    }

    @Override
    public AdminId adminId() {
        return adminId;
    }

    @Override
    public String email() {
        return getUsername();
    }

    /** The first admin: may create organizations and manages all of them. */
    @Override
    public boolean operator() {
        return operator;
    }

    public Actor actor() {
        return Actor.admin(adminId, email());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdminUser admin && admin.adminId.equals(adminId);
    }

    @Override
    public int hashCode() {
        return adminId.hashCode();
    }
}
