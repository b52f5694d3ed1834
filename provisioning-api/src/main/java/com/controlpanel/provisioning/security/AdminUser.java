package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in admin: the Control Panel and the JSON API act on its behalf. Kept in the Control Panel's session, which
 * the database stores serialized ({@link StoredSessions}): its fields are plain text, and its password hash is erased
 * once the sign-in has checked it.
 */
public class AdminUser extends User implements ControlPanelAdmin {

    private static final long serialVersionUID = 1L;

    public static final String OPERATOR = "ROLE_OPERATOR";
    public static final String ADMIN = "ROLE_ADMIN";

    private final String adminId;
    private final boolean operator;

    public AdminUser(AdminId adminId, String email, String passwordHash, boolean operator) {
        super(
                email,
                passwordHash,
                operator
                        ? List.of(new SimpleGrantedAuthority(ADMIN), new SimpleGrantedAuthority(OPERATOR))
                        : List.of(new SimpleGrantedAuthority(ADMIN)));
        this.adminId = adminId.value();
        this.operator = operator;
    }

    @Override
    public AdminId adminId() {
        return new AdminId(adminId);
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
        return Actor.admin(adminId(), email());
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
