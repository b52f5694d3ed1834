package com.controlpanel.provisioning.ui.login;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to the application's form login, with the admin accounts of the JSON API. */
@Controller
public class LoginController {

    @GetMapping("/login")
    String login(
            Authentication authentication,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String logout,
            @RequestParam(required = false) String expired,
            @RequestParam(required = false) String unavailable,
            Model model) {
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("expired", expired != null);
        // the password could not be checked at all: not the admin's mistake
        model.addAttribute("unavailable", unavailable != null);
        return "login";
    }
}
