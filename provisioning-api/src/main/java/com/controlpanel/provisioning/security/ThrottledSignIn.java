package com.controlpanel.provisioning.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The admins' sign-in for the Control Panel, the JSON API and the metrics: email and password against the admin
 * accounts (bcrypt), behind the {@link SignInThrottle} per email and client address.
 */
@Component
public class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final AdminAccounts accounts;

    public ThrottledSignIn(AdminAccounts accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(passwordEncoder);
        this.passwords.setUserDetailsService(accounts);
        this.throttle = throttle;
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        SignInThrottle.Attempt attempt = throttle.attempt(authentication.getName(), client);
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            attempt.failed();
            throw e;
        } catch (RuntimeException e) {
            // no answer (the database out of reach, say): not a wrong password
            attempt.undone();
            throw e;
        }
        attempt.passed();
        if (signedIn.getPrincipal() instanceof AdminUser admin) {
            accounts.signedIn(admin.adminId());
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
