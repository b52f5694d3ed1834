package com.controlpanel.provisioning.ui.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to the application's form login, with the admin accounts of the JSON API. */
@Controller
public class LoginController {

    /**
     * The session attribute holding the email of a refused sign-in, for the page to show it again (never the
     * password); the page takes it once.
     */
    public static final String REFUSED_EMAIL = LoginController.class.getName() + ".refusedEmail";

    /** Longer than any email the accounts take: what is kept of a refused one. */
    private static final int EMAIL_KEPT = 320;

    /** Keeps the email of a refused sign-in for the page the admin is sent back to. */
    public static void keepRefusedEmail(HttpServletRequest request) {
        String email = request.getParameter("email");
        if (email != null && !email.isBlank()) {
            String kept = email.strip();
            request.getSession().setAttribute(REFUSED_EMAIL, kept.substring(0, Math.min(kept.length(), EMAIL_KEPT)));
        }
    }

    @GetMapping("/login")
    String login(
            Authentication authentication,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String logout,
            @RequestParam(required = false) String expired,
            @RequestParam(name = "password-changed", required = false) String passwordChanged,
            @RequestParam(required = false) String unavailable,
            @RequestParam(required = false) String throttled,
            HttpServletRequest request,
            Model model) {
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        String email = "";
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(REFUSED_EMAIL) instanceof String refused) {
            session.removeAttribute(REFUSED_EMAIL);
            if (error != null || unavailable != null || throttled != null) {
                email = refused;
            }
        }
        model.addAttribute("email", email);
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("expired", expired != null);
        model.addAttribute("passwordChanged", passwordChanged != null);
        // the password could not be checked at all: not the admin's mistake
        model.addAttribute("unavailable", unavailable != null);
        // too many wrong passwords for this email from here: refused for a while without a check
        model.addAttribute("throttled", throttled != null);
        return "login";
    }
}
