package com.controlpanel.provisioning.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
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

    private static final Logger log = LoggerFactory.getLogger(ThrottledSignIn.class);

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
        SignInThrottle.Attempt attempt;
        try {
            attempt = throttle.attempt(authentication.getName(), client);
        } catch (DataAccessException e) {
            throw unanswered(e);
        }
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            try {
                attempt.failed();
            } catch (DataAccessException notCounted) {
                // refused all the same; the failure is not counted: the database did not answer
                throw unanswered(notCounted);
            }
            throw e;
        } catch (RuntimeException e) {
            // no answer (the database out of reach, say): not a wrong password
            attempt.undone();
            throw e;
        }
        try {
            attempt.passed();
        } catch (DataAccessException e) {
            // signed in all the same: the wrong ones tried before stay counted until their window ends
            log.warn("Could not forget the wrong passwords tried for {}: {}", authentication.getName(), e.toString());
        }
        if (signedIn.getPrincipal() instanceof AdminUser admin) {
            accounts.signedIn(admin.adminId());
        }
        return signedIn;
    }

    /** The throttle's count not read or written: answered as a password that could not be checked. */
    private static InternalAuthenticationServiceException unanswered(DataAccessException e) {
        return new InternalAuthenticationServiceException("The sign-in could not be checked: " + e.getMessage(), e);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
