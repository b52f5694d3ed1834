package com.controlpanel.provisioning.security;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
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
 * accounts (bcrypt), behind a {@link SignInThrottle} per email and client address.
 */
@Component
public class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    @Autowired
    public ThrottledSignIn(AdminAccounts accounts, PasswordEncoder passwordEncoder) {
        this(accounts, passwordEncoder, new SignInThrottle(Clock.systemUTC()));
    }

    ThrottledSignIn(AdminAccounts accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(passwordEncoder);
        this.passwords.setUserDetailsService(accounts);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        var locked = throttle.lockedFor(email, client);
        if (locked.isPresent()) {
            throw new SignInThrottledException(locked.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            throttle.succeeded(email, client);
            return signedIn;
        } catch (BadCredentialsException e) {
            throttle.failed(email, client);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
